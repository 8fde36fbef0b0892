using System.Diagnostics;
using System.Globalization;
using Qingshan.Raster;
using Qingshan.Bench;
using Qingshan.Raster.Engine;

// Raster bench: RUSLE + zonal sums end-to-end from GeoTIFF, and the kernel alone over arrays in
// memory. Compares the zonal table with the anchor's (GDAL + numpy) to 1e-6 relative.
// Usage: Qingshan.Bench --data DIR [--runs 5] [--threads 2] [--anchor-table CSV] [--anchor-seconds S]
//        [--write DIR] [--no-memory-kernel]
var inv = CultureInfo.InvariantCulture;
if (args.Contains("--micro"))
{
    return Micro.Run(Arg("--data") ?? throw new ArgumentException("--data DIR is required"));
}

string data = Arg("--data") ?? throw new ArgumentException("--data DIR is required");
int runs = int.Parse(Arg("--runs") ?? "5", inv);
int threads = int.Parse(Arg("--threads") ?? Environment.ProcessorCount.ToString(inv), inv);
string? anchorTable = Arg("--anchor-table");
double? anchorSeconds = Arg("--anchor-seconds") is string s ? double.Parse(s, inv) : null;
double? anchorCpuSeconds = Arg("--anchor-cpu-seconds") is string sc ? double.Parse(sc, inv) : null;
string? writeDir = Arg("--write");
bool memoryKernel = !args.Contains("--no-memory-kernel");

RusleResult? result = null;
var e2e = new List<double>();
var e2eCpu = new List<double>();
long pixels = 0;
var self = Process.GetCurrentProcess();
for (int run = 0; run < runs + 1; run++)
{
    self.Refresh();
    var cpu0 = self.TotalProcessorTime;
    var sw = Stopwatch.StartNew();
    string L(string name) => Path.Combine(data, name + ".tif");
    using var inputs = RusleInputs.Open(L("R"), L("K"), L("LS"), L("C"), L("P"), L("zones")).Value;
    RusleOutputs? outputs = writeDir is null ? null
        : new RusleOutputs(ActualPath: Path.Combine(writeDir, "act.tif"), RetentionPath: Path.Combine(writeDir, "ret.tif"));
    var r = RasterModels.RunRusle(inputs, outputs, threads);
    sw.Stop();
    if (r.IsFailure)
    {
        Console.Error.WriteLine(RasterErrors.DescribeZhCn(r.Error!));
        return 2;
    }

    result = r.Value;
    pixels = result.Grid.PixelCount;
    self.Refresh();
    if (run > 0)
    {
        e2e.Add(sw.Elapsed.TotalSeconds);
        e2eCpu.Add((self.TotalProcessorTime - cpu0).TotalSeconds);
    }
    else
    {
        Console.WriteLine(string.Create(inv, $"first run (JIT, cold buffers): {sw.Elapsed.TotalSeconds:F3} s"));
    }
}

long hwmEndToEnd = VmHwmKiB();
double e2eMed = Median(e2e);
double e2eMpx = pixels / e2eMed / 1e6;
int n = result!.Grid.Width;
Console.WriteLine(string.Create(inv,
    $"size={n} threads={threads} end-to-end (open + read + RUSLE + zonal{(writeDir is null ? "" : " + write act/ret")}): median {e2eMed:F3} s over {runs} runs (min {e2e.Min():F3}, max {e2e.Max():F3}) = {e2eMpx:F0} Mpx/s (best run {pixels / e2e.Min() / 1e6:F0}), {pixels * 24 / e2eMed / 1e9:F2} GB/s of input"));
Console.WriteLine(string.Create(inv,
    $"  CPU time per end-to-end run: median {Median(e2eCpu):F3} s = {pixels / Median(e2eCpu) / 1e6:F0} Mpx per CPU-second (load average now {File.ReadAllText("/proc/loadavg").Split(' ')[0]}: the VM is shared)"));
Console.WriteLine(string.Create(inv, $"peak memory (VmHWM) after end-to-end runs: {hwmEndToEnd / 1024.0:F0} MiB"));
Console.WriteLine(string.Create(inv,
    $"zones={result.Zones.Count} valid_px={result.TotalPixelCount} sum_pot={result.Zones.Sum(z => z.PotentialSum):E6} sum_act={result.Zones.Sum(z => z.ActualSum):E6} sum_ret={result.TotalRetentionSum:E6}"));

int exit = 0;
if (anchorSeconds is double a)
{
    double anchorMpx = pixels / a / 1e6;
    Console.WriteLine(string.Create(inv, $"anchor (GDAL+numpy) {a:F3} s = {anchorMpx:F1} Mpx/s; ours end-to-end is {a / e2eMed:F1}x the anchor (wall, same session)"));
}

if (anchorCpuSeconds is double ac)
{
    Console.WriteLine(string.Create(inv,
        $"anchor CPU {ac:F3} s = {pixels / ac / 1e6:F1} Mpx per CPU-second; ours {pixels / Median(e2eCpu) / 1e6:F0} -> {ac / Median(e2eCpu):F1}x per CPU-second"));
}

if (anchorTable is not null)
{
    exit = Compare(result, anchorTable) ? 0 : 1;
}

if (memoryKernel)
{
    // The kernel alone: all six layers already in memory as arrays, no I/O, no copies.
    var names = new[] { "R", "K", "LS", "C", "P" };
    var f = new float[5][];
    GeoTiffRaster? zr = null;
    var layerSources = new List<LayerSource>();
    for (int l = 0; l < 5; l++)
    {
        using var g = GeoTiffRaster.Open(Path.Combine(data, names[l] + ".tif"), names[l]).Value;
        f[l] = g.ReadAllAsFloat();
        layerSources.Add(LayerSource.Of(g));
    }

    zr = GeoTiffRaster.Open(Path.Combine(data, "zones.tif"), "zones").Value;
    int[] zones = zr.ReadAllAsInt();
    layerSources.Add(LayerSource.Of(zr));
    var kernel = new RusleKernel(layerSources, [-1, -1, -1]);
    var times = new List<double>();
    var cpu = new List<double>();
    ZoneSums? sums = null;
    for (int run = 0; run < runs + 1; run++)
    {
        self.Refresh();
        var cpu0 = self.TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        sums = ZonalEngine.RunInMemory(kernel, f, [zones], zr.Grid.Width, zr.Grid.Height, threads).Value;
        sw.Stop();
        self.Refresh();
        if (run > 0)
        {
            times.Add(sw.Elapsed.TotalSeconds);
            cpu.Add((self.TotalProcessorTime - cpu0).TotalSeconds);
        }
    }

    zr.Dispose();
    double med = Median(times);
    Console.WriteLine(string.Create(inv,
        $"in-memory kernel: median {med * 1000:F1} ms over {runs} runs (min {times.Min() * 1000:F1}) = {pixels / med / 1e6:F0} Mpx/s (best run {pixels / times.Min() / 1e6:F0}), {pixels * 24 / med / 1e9:F1} GB/s"));
    Console.WriteLine(string.Create(inv, $"  CPU time per kernel run: median {Median(cpu) * 1000:F1} ms = {pixels / Median(cpu) / 1e6:F0} Mpx per CPU-second"));
    var mem = RasterModels.ToRusle(sums!, result.Grid);
    bool same = mem.Zones.Count == result.Zones.Count
        && mem.Zones.Zip(result.Zones).All(p => p.First.ZoneId == p.Second.ZoneId && p.First.PixelCount == p.Second.PixelCount
            && Rel(p.First.RetentionSum, p.Second.RetentionSum) <= 1e-12);
    Console.WriteLine("in-memory kernel table equals end-to-end table: " + (same ? "yes" : "NO"));
    exit |= same ? 0 : 1;
}

return exit;

bool Compare(RusleResult ours, string csvPath)
{
    // zone,count,pot_sum,act_sum,ret_sum at full precision (bench/anchor_table.py)
    var anchor = File.ReadLines(csvPath).Skip(1).Select(l => l.Split(',')).ToDictionary(
        p => int.Parse(p[0], inv), p => (Count: long.Parse(p[1], inv), Pot: double.Parse(p[2], inv), Act: double.Parse(p[3], inv), Ret: double.Parse(p[4], inv)));
    int mismatches = 0;
    double worst = 0;
    foreach (var z in ours.Zones)
    {
        if (!anchor.TryGetValue(z.ZoneId, out var az) || az.Count != z.PixelCount)
        {
            mismatches++;
            continue;
        }

        double w = Math.Max(Rel(z.PotentialSum, az.Pot), Math.Max(Rel(z.ActualSum, az.Act), Rel(z.RetentionSum, az.Ret)));
        worst = Math.Max(worst, w);
        if (w > 1e-6)
        {
            mismatches++;
        }
    }

    mismatches += anchor.Keys.Except(ours.Zones.Select(z => z.ZoneId)).Count();
    Console.WriteLine(string.Create(inv,
        $"zonal table vs anchor: {ours.Zones.Count} zones ours, {anchor.Count} anchor, {mismatches} mismatching (counts exact, sums to 1e-6 relative); worst relative difference {worst:E2} -> {(mismatches == 0 ? "MATCH" : "MISMATCH")}"));
    return mismatches == 0;
}

static double Rel(double a, double b) => a == b ? 0 : Math.Abs(a - b) / Math.Max(Math.Abs(a), Math.Abs(b));

static double Median(List<double> xs)
{
    var s = xs.Order().ToList();
    return s.Count % 2 == 1 ? s[s.Count / 2] : (s[(s.Count / 2) - 1] + s[s.Count / 2]) / 2;
}

static long VmHwmKiB()
{
    foreach (var line in File.ReadLines("/proc/self/status"))
    {
        if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
        {
            return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        }
    }

    return 0;
}

string? Arg(string name)
{
    int i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Qingshan.Data;
using Qingshan.Kernel;
using Qingshan.Ledger.Accounts;
using Qingshan.Ledger.Journal;
using Qingshan.Migrations;
using Qingshan.Platform;

// Ledger posting bench: a TPC-B-like transaction through the real posting path — one balanced entry (debit a deal
// account chosen at random, credit the county's bank clearing), the ledger lock, the overdraft/frozen checks, the
// conservation check before commit, and the audit outbox append — on a fresh database. Concurrent clients post through
// PostEntryHandler, i.e. the ledger's group commit (LedgerGroupCommit): whatever is waiting is written as one ledger
// transaction. Meanwhile the audit writer moves the outbox rows into the tamper-evident log once a second, as the app's
// AuditDispatcher does; its share of the time is reported (the audit append must not dominate).
// Usage: Qingshan.LedgerBench --provider sqlite|postgres --connection CS [--seconds 15] [--accounts 2000] [--clients 32] [--audit on|off] [--audit-batch N] [--warmup-seconds 15]
var inv = CultureInfo.InvariantCulture;
string Arg(string name, string fallback) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback;
var provider = Arg("--provider", "sqlite") == "postgres" ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;
var options = new DatabaseOptions { Provider = provider, ConnectionString = Arg("--connection", "Data Source=/tmp/qingshan-ledger-bench.db") };
var seconds = double.Parse(Arg("--seconds", "15"), inv);
var accounts = int.Parse(Arg("--accounts", "2000"), inv);
var clients = int.Parse(Arg("--clients", "32"), inv);
var audit = Arg("--audit", "on") != "off";
var warmup = int.Parse(Arg("--warmup-seconds", "15"), inv);
const string County = "211322";

await SchemaDb.MigrateAsync(options);
var services = new ServiceCollection();
services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
services.AddSingleton(TimeProvider.System);
var auditBatch = int.Parse(Arg("--audit-batch", "0"), inv); // 0: the default AuditOptions.BatchSize
services.AddQingshanPlatform(options, audit: auditBatch > 0 ? new Qingshan.Audit.Store.AuditOptions { BatchSize = auditBatch } : null);
await using var sp = services.BuildServiceProvider();

var deals = Enumerable.Range(0, accounts).Select(_ => Guid.CreateVersion7()).ToArray();
PostEntry Entry(string key, Guid deal, long fen) =>
    new(key, "基准测试入账", County, deal, [new(AccountKind.TransferorShare, new Money(fen), deal), new(AccountKind.BankClearing, new Money(-fen))]);

// Seed: one posting per deal account, 250 per ledger transaction, so every account exists before the timed part.
var seed = Stopwatch.StartNew();
var group = sp.GetRequiredService<LedgerGroupCommit>();
foreach (var chunk in deals.Chunk(250))
{
    var posted = await group.PostManyAsync(chunk.Select(d => Entry($"seed:{d:N}", d, 100)).ToList(), Actor.System);
    if (posted.FirstOrDefault(p => p.IsFailure) is { IsFailure: true } failed)
    {
        Console.Error.WriteLine(failed.Error);
        return 2;
    }
}

Console.WriteLine(string.Create(inv, $"seeded {accounts} deal accounts (+ bank clearing) in {seed.Elapsed.TotalSeconds:F1} s"));

async Task<(long Count, List<double> Latencies)> Worker(int id, TimeSpan duration, bool record)
{
    var rnd = new Random(id + 1);
    var lat = new List<double>(1 << 16);
    long n = 0;
    var sw = Stopwatch.StartNew();
    while (sw.Elapsed < duration)
    {
        var t0 = Stopwatch.GetTimestamp();
        await using var scope = sp.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorContext>().Current = Actor.System;
        var deal = deals[rnd.Next(deals.Length)];
        var r = await scope.ServiceProvider.GetRequiredService<PostEntryHandler>().HandleAsync(Entry($"b{id}:{(record ? "r" : "w")}:{n}", deal, rnd.Next(1, 5001)));
        if (r.IsFailure)
        {
            throw new InvalidOperationException(r.Error!.ToString());
        }

        lat.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
        n++;
    }

    return (n, lat);
}

// The audit writer moves the outbox rows into the log once a second, as the app's AuditDispatcher does — from the start
// of the warm-up, so that its code is compiled and its tiers settled before the timed window too.
var auditWriter = sp.GetRequiredService<Qingshan.Audit.Store.AuditWriter>();
long auditBusyTicks = 0;
long audited = 0;
using var stop = new CancellationTokenSource();
async Task AuditLoop()
{
    using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
    try
    {
        while (await timer.WaitForNextTickAsync(stop.Token))
        {
            var t0 = Stopwatch.GetTimestamp();
            Interlocked.Add(ref audited, await auditWriter.DispatchPendingAsync(stop.Token));
            Interlocked.Add(ref auditBusyTicks, Stopwatch.GetTimestamp() - t0);
        }
    }
    catch (OperationCanceledException)
    {
    }
}

var auditTask = audit ? Task.Run(AuditLoop) : Task.CompletedTask;

// Warm-up until the JIT is quiet: tiered compilation (tier 0, instrumented tier, tier 1 with dynamic PGO) keeps
// recompiling EF Core's and our hot code for 15–40 s, on the same two cores; a timed window that still contains it
// measures the JIT, not the ledger. At least --warmup-seconds, then 5 s rounds until a round spends < 1 % of a core
// compiling (at most 90 s). The JIT time inside the timed window is printed.
var warmStarted = Stopwatch.StartNew();
long warmed = 0;
var round = TimeSpan.FromSeconds(Math.Min(5, Math.Max(1, warmup)));
while (true)
{
    var jitBefore = System.Runtime.JitInfo.GetCompilationTime();
    warmed += (await Task.WhenAll(Enumerable.Range(0, clients).Select(i => Task.Run(() => Worker(i, round, false))))).Sum(w => w.Count);
    var jit = System.Runtime.JitInfo.GetCompilationTime() - jitBefore;
    if (warmStarted.Elapsed.TotalSeconds >= warmup && (jit.TotalSeconds < 0.01 * round.TotalSeconds || warmStarted.Elapsed.TotalSeconds >= 90))
    {
        Console.WriteLine(string.Create(inv, $"warm-up: {warmed} postings in {warmStarted.Elapsed.TotalSeconds:F0} s; the JIT compiled for {jit.TotalMilliseconds:F0} ms in the last {round.TotalSeconds:F0} s"));
        break;
    }
}
var cpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;
var jitAtStart = System.Runtime.JitInfo.GetCompilationTime();
var total = Stopwatch.StartNew();
var batchesAtStart = group.Batches;
var busyAtStart = group.Busy;
var auditedAtStart = Interlocked.Read(ref audited);
var auditTicksAtStart = Interlocked.Read(ref auditBusyTicks);
var auditLockedAtStart = auditWriter.Locked;
var auditCountsAtStart = auditWriter.LockedCounts;
var results = await Task.WhenAll(Enumerable.Range(0, clients).Select(i => Task.Run(() => Worker(i, TimeSpan.FromSeconds(seconds), true))));
var elapsed = total.Elapsed.TotalSeconds;
var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuAtStart).TotalMilliseconds;
var jitInRun = (System.Runtime.JitInfo.GetCompilationTime() - jitAtStart).TotalMilliseconds;
var batchesAtEnd = group.Batches;
var busy = (group.Busy - busyAtStart).TotalSeconds;
var auditedInRun = Interlocked.Read(ref audited) - auditedAtStart;
var auditBusy = Stopwatch.GetElapsedTime(0, Interlocked.Read(ref auditBusyTicks) - auditTicksAtStart).TotalSeconds;
var auditLocked = (auditWriter.Locked - auditLockedAtStart).TotalSeconds;
var auditCounts = auditWriter.LockedCounts;
await stop.CancelAsync();
await auditTask;
if (audit)
{
    var t0 = Stopwatch.GetTimestamp();
    var rest = await auditWriter.DispatchPendingAsync();
    var drain = Stopwatch.GetElapsedTime(t0).TotalSeconds;
    Console.WriteLine(string.Create(inv, $"audit log: {auditedInRun} entries appended during the run in {auditBusy:F1} s of writer time ({100 * auditBusy / elapsed:F0} % of the run), backlog {rest} appended after it in {drain:F1} s; {(auditedInRun + rest) / Math.Max(auditBusy + drain, 1e-9):F0} entries/s when appending"));
    var lockedEntries = auditCounts.Entries - auditCountsAtStart.Entries;
    Console.WriteLine(string.Create(inv, $"audit log: the writer held the database's write transaction {auditLocked:F2} s during the run ({100 * auditLocked / elapsed:F1} % of it) in {auditCounts.Transactions - auditCountsAtStart.Transactions} transactions, {1e6 * auditLocked / Math.Max(1, lockedEntries):F1} µs per entry logged"));
}

var all = results.SelectMany(r => r.Latencies).Order().ToList();
var count = results.Sum(r => r.Count);
double P(double q) => all.Count == 0 ? 0 : all[Math.Min(all.Count - 1, (int)(q * all.Count))];

await using (var scope = sp.CreateAsyncScope())
{
    scope.ServiceProvider.GetRequiredService<ActorContext>().Current = Actor.System;
    var check = await scope.ServiceProvider.GetRequiredService<LedgerQueries>().CheckConservationAsync();
    Console.WriteLine(check.Holds ? "conservation: holds" : "conservation: VIOLATED " + string.Join("; ", check.Violations));
}

Console.WriteLine(string.Create(inv, $"ledger {provider} clients={clients} accounts={accounts}: {count} postings in {elapsed:F1} s = {count / elapsed:F0} postings/s in {batchesAtEnd - batchesAtStart} ledger transactions ({(double)count / Math.Max(1, batchesAtEnd - batchesAtStart):F1} per transaction); p50 {P(0.5):F2} ms, p99 {P(0.99):F2} ms; process CPU {1000 * cpu / Math.Max(1, count):F0} µs per posting (clients and audit writer included; JIT {jitInRun:F0} ms in the run); the group commit wrote batches {100 * busy / elapsed:F0} % of the time, {1e6 * busy / Math.Max(1, count):F0} µs per posting"));
Console.WriteLine(string.Create(inv, $"RESULT {count / elapsed:F1}"));
return 0;

using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Qingshan.Audit.Store;
using Qingshan.Data;
using Qingshan.Kernel;
using Qingshan.Ledger.Accounts;
using Qingshan.Ledger.Journal;
using Qingshan.Migrations;
using Qingshan.Platform;

// Audit writer bench: the writer alone, nothing else running in this process. Real outbox rows (ledger postings through
// the group commit, as in bench/ledger.sh) are multiplied by copying them in SQL until ENTRIES are pending, then
// AuditWriter.DispatchPendingAsync moves them into the log in ROUNDS dispatches (each like one tick of the app's
// AuditDispatcher with ENTRIES/ROUNDS new rows, checkpoint included). Prints wall time and this process's CPU time per
// entry, and on PostgreSQL also the CPU time of the bench database's server backends (read from /proc: same machine).
// --micro instead times canonicalisation and AuditLog.Append (hashing) alone, in memory, per entry.
// Usage: Qingshan.AuditBench --provider sqlite|postgres --connection CS [--entries 20000] [--rounds 10] [--database NAME]
var inv = CultureInfo.InvariantCulture;
string Arg(string name, string fallback) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback;
var provider = Arg("--provider", "sqlite") == "postgres" ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;
var options = new DatabaseOptions { Provider = provider, ConnectionString = Arg("--connection", "Data Source=/tmp/qingshan-audit-bench.db") };
var entries = int.Parse(Arg("--entries", "20000"), inv);
var rounds = int.Parse(Arg("--rounds", "10"), inv);
var pgDatabase = Arg("--database", "");
const string County = "211322";

if (args.Contains("--micro"))
{
    var payload = "{\"actorId\":\"system\",\"data\":{\"businessKey\":\"b3:r:1234\",\"dealId\":\"0192f3a4-5b6c-7d8e-9fa0-b1c2d3e4f506\",\"description\":\"基准测试入账\",\"postings\":[{\"account\":\"2202.211322.TS.0192f3a4\",\"amountFen\":4321},{\"account\":\"1002.211322\",\"amountFen\":-4321}]},\"ip\":null,\"module\":\"ledger\",\"occurredAt\":\"2026-03-02T01:02:03.0004560Z\"}";
    foreach (var canon in new[] { false, true, false, true })
    {
        var mlog = new Qingshan.Audit.AuditLog("qingshan/audit", Qingshan.Audit.Hashing.LogHashAlgorithm.Sm3, new Qingshan.Audit.Merkle.MemoryMerkleNodeStore(), TimeProvider.System);
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < 40000; i++)
        {
            if (canon)
            {
                mlog.Append(new Qingshan.Audit.Entries.AuditEvent("system", "211322", "ledger.JournalEntryPosted", "b3:r:1234", payload));
            }
            else
            {
                Qingshan.Audit.Entries.CanonicalJson.Canonicalize(payload);
            }
        }

        Console.WriteLine(string.Create(inv, $"{(canon ? "append incl. canonicalise" : "canonicalise only")}: {1e6 * sw.Elapsed.TotalSeconds / 40000:F1} µs wall, {(Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalMicroseconds / 40000:F1} µs CPU per entry"));
    }

    return 0;
}

await SchemaDb.MigrateAsync(options);
var services = new ServiceCollection();
services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
services.AddSingleton(TimeProvider.System);
services.AddQingshanPlatform(options);
await using var sp = services.BuildServiceProvider();

// 500 real postings (each one JournalEntryPosted outbox row, like the ledger bench's).
var group = sp.GetRequiredService<LedgerGroupCommit>();
var rnd = new Random(7);
for (var chunk = 0; chunk < 2; chunk++)
{
    var batch = Enumerable.Range(0, 250).Select(i =>
    {
        var deal = Guid.CreateVersion7();
        var fen = rnd.Next(1, 5001);
        return new PostEntry($"seed:{chunk}:{i}", "基准测试入账", County, deal, [new(AccountKind.TransferorShare, new Money(fen), deal), new(AccountKind.BankClearing, new Money(-fen))]);
    }).ToList();
    var posted = await group.PostManyAsync(batch, Actor.System);
    if (posted.FirstOrDefault(p => p.IsFailure) is { IsFailure: true } failed)
    {
        Console.Error.WriteLine(failed.Error);
        return 2;
    }
}

var writer = sp.GetRequiredService<AuditWriter>();
var warm = await writer.DispatchPendingAsync(); // JIT, pools, key; not timed
Console.WriteLine(string.Create(inv, $"warm-up: {warm} entries"));

// Copy the logged rows as new pending ones until `entries` wait.
async Task<long> CopyPendingAsync(long want)
{
    await using var scope = sp.CreateAsyncScope();
    var db = scope.ServiceProvider.GetRequiredService<AuditDb>();
    long pending = 0;
    while (pending < want)
    {
        var take = Math.Min(want - pending, 500);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO outbox_messages (occurred_at, module, event_type, object_id, region_code, actor_id, actor_name, ip_address, payload)
            SELECT occurred_at, module, event_type, object_id, region_code, actor_id, actor_name, ip_address, payload
            FROM outbox_messages WHERE dispatched_at IS NOT NULL ORDER BY id LIMIT {take}
            """);
        pending += take;
    }

    return pending;
}

static TimeSpan ServerCpu(string database)
{
    // utime + stime of the PostgreSQL backends connected to the bench database (process title "postgres: user db …").
    if (database.Length == 0 || !OperatingSystem.IsLinux())
    {
        return TimeSpan.Zero;
    }

    long ticks = 0;
    foreach (var dir in Directory.EnumerateDirectories("/proc"))
    {
        try
        {
            var cmd = File.ReadAllText(Path.Combine(dir, "cmdline"));
            if (!cmd.StartsWith("postgres: ", StringComparison.Ordinal) || !cmd.Contains($" {database} ", StringComparison.Ordinal))
            {
                continue;
            }

            var stat = File.ReadAllText(Path.Combine(dir, "stat"));
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    return TimeSpan.FromSeconds(ticks / 100.0); // USER_HZ
}

var perRound = entries / rounds;
var locked0 = writer.Locked;
var counts0 = writer.LockedCounts;
double wall = 0;
TimeSpan cpu = TimeSpan.Zero, server = TimeSpan.Zero;
long appended = 0;
var me = Process.GetCurrentProcess();
for (var r = 0; r < rounds; r++)
{
    await CopyPendingAsync(perRound);
    me.Refresh();
    var cpu0 = me.TotalProcessorTime;
    var server0 = ServerCpu(pgDatabase);
    var t0 = Stopwatch.GetTimestamp();
    appended += await writer.DispatchPendingAsync();
    wall += Stopwatch.GetElapsedTime(t0).TotalSeconds;
    me.Refresh();
    cpu += me.TotalProcessorTime - cpu0;
    server += ServerCpu(pgDatabase) - server0;
}

var size = await writer.ReadAsync(log => log.Size);
var serverText = pgDatabase.Length > 0 ? string.Create(inv, $", server backend CPU {server.TotalMicroseconds / appended:F0} µs/entry") : "";
Console.WriteLine(string.Create(inv, $"audit writer {provider}: {appended} entries in {rounds} dispatches, {wall:F2} s = {appended / wall:F0} entries/s; wall {1e6 * wall / appended:F0} µs/entry, writer CPU {cpu.TotalMicroseconds / appended:F0} µs/entry{serverText}; log size {size}"));
var locked = (writer.Locked - locked0).TotalSeconds;
Console.WriteLine(string.Create(inv, $"write transaction held {locked:F2} s of the {wall:F2} s ({100 * locked / wall:F0} %) in {writer.LockedCounts.Transactions - counts0.Transactions} transactions = {1e6 * locked / appended:F1} µs per entry"));
Console.WriteLine(string.Create(inv, $"RESULT {appended / wall:F0}"));
return 0;

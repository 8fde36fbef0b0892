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
// conservation check before commit, and the audit outbox append — on a fresh database.
// Usage: Qingshan.LedgerBench --provider sqlite|postgres --connection CS [--seconds 15] [--accounts 2000] [--clients 1]
var inv = CultureInfo.InvariantCulture;
string Arg(string name, string fallback) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback;
var provider = Arg("--provider", "sqlite") == "postgres" ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;
var options = new DatabaseOptions { Provider = provider, ConnectionString = Arg("--connection", "Data Source=/tmp/qingshan-ledger-bench.db") };
var seconds = double.Parse(Arg("--seconds", "15"), inv);
var accounts = int.Parse(Arg("--accounts", "2000"), inv);
var clients = int.Parse(Arg("--clients", "1"), inv);
const string County = "211322";

await SchemaDb.MigrateAsync(options);
var services = new ServiceCollection();
services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
services.AddSingleton(TimeProvider.System);
services.AddQingshanPlatform(options);
await using var sp = services.BuildServiceProvider();

var deals = Enumerable.Range(0, accounts).Select(_ => Guid.CreateVersion7()).ToArray();
PostEntry Entry(string key, Guid deal, long fen) =>
    new(key, "基准测试入账", County, deal, [new(AccountKind.TransferorShare, new Money(fen), deal), new(AccountKind.BankClearing, new Money(-fen))]);

// Seed: one posting per deal account, 500 per ledger transaction, so every account exists before the timed part.
var seed = Stopwatch.StartNew();
foreach (var chunk in deals.Chunk(500))
{
    await using var scope = sp.CreateAsyncScope();
    scope.ServiceProvider.GetRequiredService<ActorContext>().Current = Actor.System;
    var unit = scope.ServiceProvider.GetRequiredService<LedgerUnit>();
    var r = await unit.RunAsync(async s =>
    {
        foreach (var d in chunk)
        {
            var p = await s.PostAsync(Entry($"seed:{d:N}", d, 100));
            if (p.IsFailure)
            {
                return Result<int>.Failure(p.Error!);
            }
        }

        return chunk.Length;
    });
    if (r.IsFailure)
    {
        Console.Error.WriteLine(r.Error);
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

await Task.WhenAll(Enumerable.Range(0, clients).Select(i => Worker(i, TimeSpan.FromSeconds(2), false))); // warm-up (JIT, pools)
var total = Stopwatch.StartNew();
var results = await Task.WhenAll(Enumerable.Range(0, clients).Select(i => Worker(i, TimeSpan.FromSeconds(seconds), true)));
var elapsed = total.Elapsed.TotalSeconds;
var all = results.SelectMany(r => r.Latencies).Order().ToList();
var count = results.Sum(r => r.Count);
double P(double q) => all.Count == 0 ? 0 : all[Math.Min(all.Count - 1, (int)(q * all.Count))];

await using (var scope = sp.CreateAsyncScope())
{
    scope.ServiceProvider.GetRequiredService<ActorContext>().Current = Actor.System;
    var check = await scope.ServiceProvider.GetRequiredService<LedgerQueries>().CheckConservationAsync();
    Console.WriteLine(check.Holds ? "conservation: holds" : "conservation: VIOLATED " + string.Join("; ", check.Violations));
}

Console.WriteLine(string.Create(inv, $"ledger {provider} clients={clients} accounts={accounts}: {count} postings in {elapsed:F1} s = {count / elapsed:F0} postings/s; p50 {P(0.5):F2} ms, p99 {P(0.99):F2} ms"));
Console.WriteLine(string.Create(inv, $"RESULT {count / elapsed:F1}"));
return 0;

using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Qingshan.Data;
using Qingshan.Kernel;
using Qingshan.Ledger.Accounts;
using Qingshan.Ledger.Journal;
using Qingshan.Platform;
using Qingshan.Tests.Support;
using Qingshan.Trading;
using Qingshan.Trading.Deals;

namespace Qingshan.Cli.Tests;

/// <summary>
/// Kills a real <c>qingshan ledger post-pending</c> process with SIGKILL in the middle of a settlement of thousands of
/// trading money events, then checks the ledger is all-or-nothing per event, and that a restart completes it exactly.
/// </summary>
public sealed class LedgerCrashTests
{
    private const string County = "211322";
    private const int Bidders = 600;
    private const int Payments = 200;
    private const long Price = 123_456_789;
    private const long Deposit = 500_000;

    [Fact]
    public async Task A_settlement_killed_mid_way_leaves_whole_postings_only_and_a_restart_completes_it_to_the_fen()
    {
        await using var db = await TestDatabase.CreateAsync();
        var deal = Guid.CreateVersion7();
        var total = await SeedAsync(db.Options, deal);

        // Start the real CLI, wait until part of the work has committed, then kill -9.
        using (var child = StartCli(db.Options))
        {
            var sw = Stopwatch.StartNew();
            while (await ConsumedAsync(db.Options) < 300)
            {
                if (child.HasExited)
                {
                    Assert.Fail("the CLI finished or failed before it could be killed: " + await child.StandardError.ReadToEndAsync());
                }

                Assert.True(sw.Elapsed < TimeSpan.FromMinutes(3), "the CLI made no progress");
                await Task.Delay(50);
            }

            child.Kill(entireProcessTree: true); // SIGKILL on Unix: no finally blocks, no disposal, no rollback by the process
            await child.WaitForExitAsync();
        }

        var consumed = await ConsumedAsync(db.Options);
        Assert.InRange(consumed, 300, total - 1);
        await AssertWholeAsync(db.Options);

        // Restart: completes what is left, and a second run finds nothing to do.
        Assert.Contains($"已处理 {total - consumed} 个资金事件", await RunCliAsync(db.Options), StringComparison.Ordinal);
        Assert.Contains("已处理 0 个资金事件", await RunCliAsync(db.Options), StringComparison.Ordinal);
        Assert.Equal(total, await ConsumedAsync(db.Options));
        await AssertWholeAsync(db.Options);

        var balances = await BalancesAsync(db.Options, deal);
        long refunded = 0;
        for (var i = 1; i < Bidders; i++)
        {
            refunded += Deposit + i;
        }

        Assert.Equal(refunded, balances[AccountKind.Refunds]);
        // Costs 1,000,000 + 2,000,000 + 0.5 % of 123,456,789 = 617,283.945 → 617,283.
        Assert.Equal(3_617_283, balances[AccountKind.TransactionCosts]);
        // Net 119,839,506 split 55/15/30: 65,911,728.3 / 17,975,925.9 / 35,951,851.8 → two spare fen to .9 and .8.
        Assert.Equal(65_911_728, balances[AccountKind.CollectiveShare]);
        Assert.Equal(17_975_926, balances[AccountKind.HouseholdShare]);
        // Reinvestment 35,951,852 split 80/20: 28,761,481.6 / 7,190,370.4.
        Assert.Equal(28_761_482, balances[AccountKind.ErosionControlFund]);
        Assert.Equal(7_190_370, balances[AccountKind.MaintenanceFund]);
        Assert.Equal(0, balances[AccountKind.Proceeds] + balances[AccountKind.DepositsHeld] + balances[AccountKind.Receivable] + balances[AccountKind.UncollectedPrice]);
    }

    /// <summary>Every consumed event has exactly its entries and every entry its consumed mark; the ledger conserves.</summary>
    private static async Task AssertWholeAsync(DatabaseOptions options)
    {
        var keys = await ListAsync(options, "SELECT business_key FROM ledger_journal_entries");
        var consumed = await ListAsync(options, "SELECT outbox_id FROM ledger_consumed_events");
        var refused = await ListAsync(options, "SELECT outbox_id FROM ledger_consumed_events WHERE error_code IS NOT NULL");
        Assert.Empty(refused);
        var eventKeys = keys.Where(k => k.StartsWith("trading:", StringComparison.Ordinal) && k.Count(c => c == ':') == 1).Select(k => k["trading:".Length..]).ToHashSet();
        Assert.Equal(consumed.ToHashSet(), eventKeys);
        Assert.Equal(keys.Count, keys.Distinct().Count());
        var settlements = keys.Count(k => k.EndsWith(":settlement", StringComparison.Ordinal));
        Assert.InRange(settlements, 0, 1);

        await using var services = Platform(options);
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorContext>().Current = Actor.System;
        var report = await scope.ServiceProvider.GetRequiredService<LedgerQueries>().CheckConservationAsync();
        Assert.True(report.Holds, string.Join("; ", report.Violations));
    }

    private static async Task<Dictionary<AccountKind, long>> BalancesAsync(DatabaseOptions options, Guid deal)
    {
        await using var services = Platform(options);
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorContext>().Current = Actor.System;
        var all = await scope.ServiceProvider.GetRequiredService<LedgerQueries>().TrialBalanceAsync();
        return Enum.GetValues<AccountKind>().ToDictionary(k => k, k => all.Where(a => a.DealId == deal && a.Kind == k).Sum(a => a.Balance.Fen));
    }

    private static ServiceProvider Platform(DatabaseOptions options)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddQingshanPlatform(options);
        return services.BuildServiceProvider();
    }

    /// <summary>The money events of one deal with 600 bidders, as Trading writes them: deposits, terms, applied deposit, refunds, 200 payments.</summary>
    private static async Task<int> SeedAsync(DatabaseOptions options, Guid deal)
    {
        var at = new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);
        var id = deal.ToString();
        var messages = new List<OutboxMessage>();
        OutboxMessage M(string type, object payload) => OutboxMessage.Create(at, TradingEvents.Module, type, id, County, Actor.System, payload);
        for (var i = 0; i < Bidders; i++)
        {
            messages.Add(M(TradingEvents.DepositPaid, new MoneyMoved("CRASH-001", Deposit + i, $"SIM-D{i}", $"6222 {i:D8}")));
        }

        messages.Add(M(TradingEvents.SettlementTermsFixed, new SettlementTerms("CRASH-001", 1, "建水保交易合同〔2026〕99号", new DateOnly(2026, 3, 2), Price, 1_000_000, 2_000_000, 50,
            [new("东山村股份经济合作社", 5500, ShareKind.Collective), new("农户", 1500, ShareKind.Household), new("收益反哺", 3000, ShareKind.Reinvestment)],
            [new(new DateOnly(2026, 12, 31), Price)])));
        messages.Add(M(TradingEvents.DepositAppliedToPrice, new MoneyMoved("CRASH-001", Deposit, "SIM-A0", "6222 00000000")));
        for (var i = 1; i < Bidders; i++)
        {
            messages.Add(M(TradingEvents.DepositRefunded, new MoneyMoved("CRASH-001", Deposit + i, $"SIM-R{i}", $"6222 {i:D8}")));
        }

        var parts = new Money(Price - Deposit).Allocate(Enumerable.Repeat(1L, Payments).ToArray());
        for (var i = 0; i < Payments; i++)
        {
            messages.Add(M(TradingEvents.ContractPaymentReceived, new MoneyMoved("CRASH-001", parts[i].Fen, $"SIM-P{i}", "6228 4800 1234 5678")));
        }

        await using var seed = new SeedDb(options);
        seed.AddRange(messages);
        await seed.SaveChangesAsync();
        return messages.Count;
    }

    private static Process StartCli(DatabaseOptions options)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(typeof(CliApp).Assembly.Location);
        foreach (var a in new[] { "ledger", "post-pending", "--db-provider", options.IsPostgres ? "postgres" : "sqlite", "--db", options.ConnectionString })
        {
            psi.ArgumentList.Add(a);
        }

        return Process.Start(psi)!;
    }

    private static async Task<string> RunCliAsync(DatabaseOptions options)
    {
        using var child = StartCli(options);
        var output = await child.StandardOutput.ReadToEndAsync();
        var error = await child.StandardError.ReadToEndAsync();
        await child.WaitForExitAsync();
        Assert.True(child.ExitCode == 0, error);
        return output;
    }

    private static async Task<int> ConsumedAsync(DatabaseOptions options) => (await ListAsync(options, "SELECT outbox_id FROM ledger_consumed_events")).Count;

    private static async Task<List<string>> ListAsync(DatabaseOptions options, string sql)
    {
        await using DbConnection c = options.IsPostgres ? new NpgsqlConnection(options.ConnectionString) : new SqliteConnection(options.ConnectionString);
        await c.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        var list = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync())
        {
            list.Add(Convert.ToString(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        }

        return list;
    }

    private sealed class SeedDb(DatabaseOptions options) : DbContext
    {
        protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) => optionsBuilder.UseQingshanDatabase(options);

        protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) => DatabaseSetup.ApplyConventions(configurationBuilder, options.IsPostgres);

        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            OutboxMessage.Configure(modelBuilder);
            modelBuilder.UseSnakeCaseNames();
        }
    }
}

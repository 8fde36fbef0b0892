using Qingshan.Data;
using Qingshan.Tests.Support;

namespace Qingshan.Cli.Tests;

public sealed class AuditVerbTests
{
    private static async Task<(int Exit, string Out, string Err)> RunAsync(TestDatabase? db, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        string[] dbArgs = db is null ? [] : ["--db-provider", db.Options.Provider == DatabaseProvider.Postgres ? "postgres" : "sqlite", "--db", db.Options.ConnectionString];
        var exit = await CliApp.RunAsync([.. args, .. dbArgs], stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Verify_accepts_an_honest_export_and_names_the_row_of_a_tampered_one()
    {
        await using var db = await TestDatabase.CreateAsync();
        var dir = Directory.CreateTempSubdirectory("qs-audit-").FullName;
        var key = Path.Combine(dir, "key.pem");
        Environment.SetEnvironmentVariable("Audit__KeyFile", key);
        try
        {
            Assert.Equal(0, (await RunAsync(db, "demo", "seed", "--password", "Qs#Test-2026")).Exit);
            Assert.Equal(0, (await RunAsync(db, "audit", "dispatch")).Exit);
            var export = Path.Combine(dir, "audit.jsonl");
            var notes = Path.Combine(dir, "checkpoints.txt");
            var pub = Path.Combine(dir, "public.pem");
            Assert.Equal(0, (await RunAsync(db, "audit", "export", "--out", export)).Exit);
            Assert.Equal(0, (await RunAsync(db, "audit", "checkpoints", "--out", notes, "--public-key-out", pub)).Exit);

            var honest = await RunAsync(null, "audit", "verify", "--export", export, "--checkpoints", notes, "--public-key", pub);
            Assert.True(honest.Exit == 0, honest.Err);

            // Delete one line in the middle of the export: the verifier names the missing entry.
            var lines = (await File.ReadAllLinesAsync(export)).ToList();
            Assert.True(lines.Count > 100);
            lines.RemoveAt(57);
            await File.WriteAllLinesAsync(export, lines);
            var tampered = await RunAsync(null, "audit", "verify", "--export", export, "--checkpoints", notes, "--public-key", pub);
            Assert.Equal(1, tampered.Exit);
            Assert.Contains("57", tampered.Err, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("Audit__KeyFile", null);
        }
    }

    /// <summary>Issue 6: after the demo trade anyone verifies the audit log from the published checkpoints with the CLI alone.</summary>
    [Fact]
    public async Task The_demo_trade_s_audit_log_verifies_from_its_published_checkpoint()
    {
        await using var db = await TestDatabase.CreateAsync();
        var dir = Directory.CreateTempSubdirectory("qs-audit-").FullName;
        Environment.SetEnvironmentVariable("Audit__KeyFile", Path.Combine(dir, "key.pem"));
        try
        {
            var seeded = await RunAsync(db, "demo", "seed", "--password", "Qs#Test-2026", "--trade");
            Assert.True(seeded.Exit == 0, seeded.Err);
            Assert.Contains("SBJYPZ-" + Qingshan.Platform.DemoTrading.CompletedDealCode, seeded.Out, StringComparison.Ordinal);
            var export = Path.Combine(dir, "audit.jsonl");
            var notes = Path.Combine(dir, "checkpoints.txt");
            var pub = Path.Combine(dir, "public.pem");
            Assert.Equal(0, (await RunAsync(db, "audit", "export", "--out", export)).Exit);
            Assert.Equal(0, (await RunAsync(db, "audit", "checkpoints", "--out", notes, "--public-key-out", pub)).Exit);
            var lines = await File.ReadAllLinesAsync(export);
            Assert.Contains(lines, l => l.Contains("trading.CertificateIssued", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.Contains("distribution.ReinvestmentPlanOpened", StringComparison.Ordinal));

            var honest = await RunAsync(null, "audit", "verify", "--export", export, "--checkpoints", notes, "--public-key", pub);
            Assert.True(honest.Exit == 0, honest.Err);

            // One fen less on the contract price as logged is caught.
            var at = Array.FindIndex(lines, l => l.Contains("trading.SettlementTermsFixed", StringComparison.Ordinal));
            var price = Qingshan.Platform.DemoTrading.Bids[^1].Fen.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.Contains(price, lines[at], StringComparison.Ordinal);
            lines[at] = lines[at].Replace(price, (Qingshan.Platform.DemoTrading.Bids[^1].Fen - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
            await File.WriteAllLinesAsync(export, lines);
            Assert.Equal(1, (await RunAsync(null, "audit", "verify", "--export", export, "--checkpoints", notes, "--public-key", pub)).Exit);
        }
        finally
        {
            Environment.SetEnvironmentVariable("Audit__KeyFile", null);
        }
    }
}

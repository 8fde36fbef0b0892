using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qingshan.Data;
using Qingshan.Kernel;
using Qingshan.Tests.Trading.Certificates;
using Qingshan.Trading.Data;

namespace Qingshan.Cli.Tests;

/// <summary><c>qingshan trading certificate verify</c>: 真实有效 with exit 0, 已被篡改 with exit 1, unknown number exit 2.</summary>
public sealed class TradingVerbTests
{
    private static async Task<(int Exit, string Out, string Err)> RunAsync(DatabaseOptions db, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var provider = db.Provider == DatabaseProvider.Postgres ? "postgres" : "sqlite";
        var exit = await CliApp.RunAsync([.. args, "--db-provider", provider, "--db", db.ConnectionString], stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Verify_says_genuine_then_altered_after_one_stored_byte_changes()
    {
        var (world, certificate) = await CertifiedDeal.CreateAsync();
        await using var _ = world.Platform;
        var db = world.Platform.DatabaseOptions;

        var genuine = await RunAsync(db, "trading", "certificate", "verify", certificate.Number);
        Assert.Equal(0, genuine.Exit);
        Assert.Contains("真实有效", genuine.Out, StringComparison.Ordinal);

        await world.Platform.RunAsync(Actor.System, sp => sp.GetRequiredService<TradingDb>().Database.ExecuteSqlRawAsync(
            "UPDATE trading_certificates SET content = replace(content, '\"termYears\":20', '\"termYears\":70')"));
        var altered = await RunAsync(db, "trading", "certificate", "verify", certificate.Number);
        Assert.Equal(1, altered.Exit);
        Assert.Contains("已被篡改", altered.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("真实有效", altered.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_checks_a_presented_copy_from_a_file_against_the_issue_record()
    {
        var (world, certificate) = await CertifiedDeal.CreateAsync();
        await using var _ = world.Platform;
        var db = world.Platform.DatabaseOptions;
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, certificate.Content);
            Assert.Equal(0, (await RunAsync(db, "trading", "certificate", "verify", certificate.Number, "--content", file)).Exit);

            await File.WriteAllTextAsync(file, certificate.Content.Replace("经营主体2", "经营主体3", StringComparison.Ordinal));
            var altered = await RunAsync(db, "trading", "certificate", "verify", certificate.Number, "--content", file);
            Assert.Equal(1, altered.Exit);
            Assert.Contains("已被篡改", altered.Out, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }

        var unknown = await RunAsync(db, "trading", "certificate", "verify", "SBJYPZ-NOPE");
        Assert.Equal(2, unknown.Exit);
        Assert.Contains("trading.certificate.not_found", unknown.Err, StringComparison.Ordinal);
    }
}

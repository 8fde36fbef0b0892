using Qingshan.Data;
using Qingshan.Tests.Support;

namespace Qingshan.Cli.Tests;

/// <summary>The CLI is called through its entry point with arguments; exit code and output are asserted.</summary>
public sealed class RegistryVerbTests
{
    private static async Task<(int Exit, string Out, string Err)> RunAsync(TestDatabase db, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var provider = db.Options.Provider == DatabaseProvider.Postgres ? "postgres" : "sqlite";
        var exit = await CliApp.RunAsync([.. args, "--db-provider", provider, "--db", db.Options.ConnectionString], stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Seeded_demo_county_is_listed_and_a_county_account_sees_only_its_own_plots()
    {
        await using var db = await TestDatabase.CreateAsync();
        var seed = await RunAsync(db, "demo", "seed", "--password", "Qs#Test-2026");
        Assert.Equal(0, seed.Exit);
        Assert.Contains("211322", seed.Out, StringComparison.Ordinal);

        var watersheds = await RunAsync(db, "watersheds", "list", "--as", "jp_water", "--format", "csv");
        Assert.Equal(0, watersheds.Exit);
        var lines = watersheds.Out.Trim().Split('\n');
        Assert.Equal("code,name,region,area_km2,plots", lines[0].Trim());
        Assert.Equal(4, lines.Length);

        var other = await RunAsync(db, "plots", "list", "--as", "cyx_water", "--format", "json");
        Assert.Equal(0, other.Exit);
        Assert.Equal("[]", other.Out.Trim());

        var mine = await RunAsync(db, "plots", "list", "--as", "jp_water", "--watershed", "211322-STQJ-001", "--format", "csv");
        Assert.InRange(mine.Out.Trim().Split('\n').Length - 1, 60, 130);
    }

    [Fact]
    public async Task Tradability_verb_reports_the_disputed_plot_with_its_reason_code()
    {
        await using var db = await TestDatabase.CreateAsync();
        Assert.Equal(0, (await RunAsync(db, "demo", "seed", "--password", "Qs#Test-2026")).Exit);
        var list = await RunAsync(db, "plots", "list", "--format", "csv");
        var disputed = list.Out.Split('\n').Single(l => l.EndsWith(",Disputed", StringComparison.Ordinal) || l.EndsWith(",Disputed\r", StringComparison.Ordinal)).Split(',')[0];
        var result = await RunAsync(db, "plots", "tradability", disputed);
        Assert.Equal(3, result.Exit);
        Assert.Contains("registry.tradability.disputed", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_account_is_refused_on_stderr_with_exit_code_2()
    {
        await using var db = await TestDatabase.CreateAsync();
        var result = await RunAsync(db, "plots", "list", "--as", "nobody");
        Assert.Equal(2, result.Exit);
        Assert.Contains("nobody", result.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0")]
    [InlineData("+1", "'+1")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("plain", "plain")]
    public void Csv_cells_are_quoted_and_formulas_neutralised(string value, string expected)
    {
        Assert.Equal(expected, RegistryCommands.Csv(value));
    }
}

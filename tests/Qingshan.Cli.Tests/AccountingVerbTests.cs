using System.Text.Json;
using Qingshan.Data;
using Qingshan.Tests.Support;

namespace Qingshan.Cli.Tests;

/// <summary>The accounting verbs from files, on the demo county's illustrative parameter set.</summary>
public sealed class AccountingVerbTests
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
    public async Task The_demo_parameter_set_runs_a_plot_table_from_files_with_the_warning_and_every_line_recomputes()
    {
        var dir = Directory.CreateTempSubdirectory("qingshan-cli-accounting-");
        try
        {
            var set = Path.Combine(dir.FullName, "set.json");
            var plots = Path.Combine(dir.FullName, "plots.csv");
            var results = Path.Combine(dir.FullName, "results.json");
            var demo = await RunAsync(null, "accounting", "parameters", "demo", "--year", "2025", "--out", set);
            Assert.Equal(0, demo.Exit);
            Assert.StartsWith("JP-DEMO-2025", demo.Out, StringComparison.Ordinal);
            await File.WriteAllTextAsync(plots, """
                plot_code,area_hectares,land_use,soil_retained_tonnes,npp_dry_matter_tonnes,water_conserved_cubic_metres,visits,product:M1:corn:Tonne
                A-1,1.5,0103,18,9,315,,9
                A-2,2.25,0301,85.5,14.6,2137.5,1500,
                """, TestContext.Current.CancellationToken);

            var run = await RunAsync(null, "accounting", "run", "--plots", plots, "--year", "2025", "--parameters", set, "--out", results);

            Assert.Equal(0, run.Exit);
            Assert.Contains("[100%]", run.Err, StringComparison.Ordinal);
            Assert.Contains("演示参数，未经核实，不得用于交易定价", run.Err, StringComparison.Ordinal);
            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(results, TestContext.Current.CancellationToken));
            Assert.Equal("演示参数，未经核实，不得用于交易定价", json.RootElement.GetProperty("warning").GetString());
            var lines = json.RootElement.GetProperty("lines").EnumerateArray().ToList();
            Assert.True(lines.Count >= 8);
            Assert.All(lines, l => Assert.Equal(l.GetProperty("quantity").GetDecimal() * l.GetProperty("unitPrice").GetDecimal(), l.GetProperty("value").GetDecimal()));
            Assert.All(lines, l => Assert.Equal(2025, l.GetProperty("priceYear").GetInt32()));
            // 9 t corn × 2 400 元/t and 1 500 visits × 120 元 are the two plain lines.
            Assert.Equal(21_600m, json.RootElement.GetProperty("totals").GetProperty("materialSupply").GetDecimal());
            Assert.Equal(180_000m, json.RootElement.GetProperty("totals").GetProperty("cultural").GetDecimal());
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task The_seeded_demo_county_has_approved_demo_sets_for_last_year_and_this_year()
    {
        await using var db = await TestDatabase.CreateAsync();
        Assert.Equal(0, (await RunAsync(db, "demo", "seed", "--password", "Qs#Test-2026")).Exit);

        var list = await RunAsync(db, "accounting", "parameters", "list", "--as", "jp_water");

        Assert.Equal(0, list.Exit);
        var year = DateTime.UtcNow.Year;
        foreach (var version in new[] { $"JP-DEMO-{year - 1}", $"JP-DEMO-{year}" })
        {
            Assert.Contains(list.Out.Split('\n'), l => l.StartsWith(version + "\t211322\tApproved", StringComparison.Ordinal));
        }
    }
}

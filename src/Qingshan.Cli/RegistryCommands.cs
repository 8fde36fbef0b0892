using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Qingshan.Registry.Plots;
using Qingshan.Registry.Regions;
using Qingshan.Registry.Rights;
using Qingshan.Registry.Watersheds;

namespace Qingshan.Cli;

/// <summary>Registry verbs: the same queries and handlers the back-office pages call.</summary>
internal static class RegistryCommands
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static IEnumerable<Command> Create(TextWriter stdout, TextWriter stderr)
    {
        var format = new Option<string>("--format") { Description = "输出格式：table、csv 或 json", DefaultValueFactory = _ => "table" };

        var regions = new Command("regions", "行政区划");
        var regionList = new Command("list", "列出行政区划");
        regionList.SetAction(async (parse, ct) =>
        {
            await using var services = await CliApp.PlatformAsync(parse, ct);
            await using var scope = await CliApp.ScopeAsync(services, parse, write: false);
            var rows = await scope.ServiceProvider.GetRequiredService<RegionQueries>().ListAsync(ct);
            foreach (var r in rows)
            {
                await stdout.WriteLineAsync(CliApp.Invariant($"{r.Code}\t{r.Name}\t{r.Level}"));
            }

            return 0;
        });
        regions.Subcommands.Add(regionList);

        var watersheds = new Command("watersheds", "生态清洁小流域");
        var watershedList = new Command("list", "列出权限范围内的小流域");
        watershedList.Options.Add(format);
        watershedList.SetAction(async (parse, ct) =>
        {
            await using var services = await CliApp.PlatformAsync(parse, ct);
            await using var scope = await CliApp.ScopeAsync(services, parse, write: false);
            var rows = await scope.ServiceProvider.GetRequiredService<WatershedQueries>().ListAsync(null, ct);
            await WriteAsync(stdout, parse.GetValue(format)!, rows, ["code", "name", "region", "area_km2", "plots"],
                w => [w.Code, w.Name, w.RegionCode, w.AreaSquareKilometres.ToString(CultureInfo.InvariantCulture), w.PlotCount.ToString(CultureInfo.InvariantCulture)]);
            return 0;
        });
        watersheds.Subcommands.Add(watershedList);

        var plots = new Command("plots", "地块");
        var plotList = new Command("list", "列出权限范围内的地块");
        var watershed = new Option<string?>("--watershed") { Description = "小流域编码" };
        plotList.Options.Add(format);
        plotList.Options.Add(watershed);
        plotList.SetAction(async (parse, ct) =>
        {
            await using var services = await CliApp.PlatformAsync(parse, ct);
            await using var scope = await CliApp.ScopeAsync(services, parse, write: false);
            var sp = scope.ServiceProvider;
            Guid? watershedId = null;
            if (parse.GetValue(watershed) is { } code)
            {
                watershedId = (await sp.GetRequiredService<WatershedQueries>().ListAsync(null, ct)).FirstOrDefault(w => w.Code == code)?.Id
                    ?? throw new CliRefusal($"小流域“{code}”不存在或不在权限范围内");
            }

            var rows = new List<PlotRow>();
            for (var page = 1; ; page++)
            {
                var result = await sp.GetRequiredService<PlotQueries>().ListAsync(new PlotFilter(watershedId, Page: page, PageSize: 500), ct);
                rows.AddRange(result.Rows);
                if (rows.Count >= result.Total || result.Rows.Count == 0)
                {
                    break;
                }
            }

            await WriteAsync(stdout, parse.GetValue(format)!, rows, ["code", "watershed", "land_use", "area_m2", "area_mu", "status"],
                p => [p.Code, p.WatershedName, p.LandUseCode, p.Area.SquareMetres.ToString("F2", CultureInfo.InvariantCulture), p.Area.Mu.ToString("F2", CultureInfo.InvariantCulture), p.Status.ToString()]);
            return 0;
        });

        var tradability = new Command("tradability", "检查地块可否交易（确权、争议、抵押）");
        var plotCode = new Argument<string>("plot") { Description = "地块编码" };
        tradability.Arguments.Add(plotCode);
        tradability.SetAction(async (parse, ct) =>
        {
            await using var services = await CliApp.PlatformAsync(parse, ct);
            await using var scope = await CliApp.ScopeAsync(services, parse, write: false);
            var sp = scope.ServiceProvider;
            var id = await sp.GetRequiredService<PlotQueries>().IdOfAsync(parse.GetValue(plotCode)!, ct) ?? throw new CliRefusal($"地块“{parse.GetValue(plotCode)}”不存在或不在权限范围内");
            var result = (await sp.GetRequiredService<CheckTradabilityHandler>().HandleAsync([id], ct))[0];
            await stdout.WriteLineAsync(result.IsTradable ? "tradable" : "not tradable: " + string.Join(", ", result.Reasons.Select(r => r.Code)));
            return result.IsTradable ? 0 : 3;
        });
        plots.Subcommands.Add(plotList);
        plots.Subcommands.Add(tradability);
        return [regions, watersheds, plots];
    }

    internal static async Task WriteAsync<T>(TextWriter stdout, string format, IReadOnlyList<T> rows, string[] header, Func<T, string[]> cells)
    {
        switch (format)
        {
            case "json":
                await stdout.WriteLineAsync(JsonSerializer.Serialize(rows.Select(r => header.Zip(cells(r)).ToDictionary(x => x.First, x => x.Second)), Json));
                break;
            case "csv":
                await stdout.WriteLineAsync(string.Join(',', header));
                foreach (var r in rows)
                {
                    await stdout.WriteLineAsync(string.Join(',', cells(r).Select(Csv)));
                }

                break;
            default:
                foreach (var r in rows)
                {
                    await stdout.WriteLineAsync(string.Join('\t', cells(r)));
                }

                break;
        }
    }

    /// <summary>RFC 4180 quoting, and a leading quote on cells a spreadsheet would run as a formula (ASVS 1.2.10).</summary>
    internal static string Csv(string value)
    {
        if (value.Length > 0 && "=+-@\t\r".Contains(value[0], StringComparison.Ordinal))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}

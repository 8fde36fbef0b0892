using System.CommandLine;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Qingshan.Accounting;
using Qingshan.Accounting.Inputs;
using Qingshan.Accounting.Parameters;
using Qingshan.Accounting.Reports;
using Qingshan.Accounting.Runs;
using Qingshan.Kernel;
using Qingshan.Valuation.Parameters;

namespace Qingshan.Cli;

/// <summary>
/// Accounting verbs. <c>accounting run</c> runs the pure engine on files, without a database (plot table with
/// <c>area_hectares</c> and <c>land_use</c> columns, optional parameter-set JSON, output by extension: .csv, .json or
/// .xlsx); <c>accounting runs list</c> lists the stored runs in the account's scope.
/// </summary>
internal static class AccountingCommands
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var accounting = new Command("accounting", "价值核算");

        var plots = new Option<FileInfo>("--plots") { Description = "地块表（CSV 或 xlsx）：plot_code、area_hectares、land_use 及各功能量列", Required = true };
        var method = new Option<string>("--method") { Description = "核算方法版本，如 SWC-practice-2024、GEP-2022-trial", DefaultValueFactory = _ => "SWC-practice-2024" };
        var year = new Option<int>("--year") { Description = "核算年度", Required = true };
        var parameters = new Option<FileInfo?>("--parameters") { Description = "参数集 JSON（缺省为方法文档第 4 节种子参数，价格年份须与核算年度一致）" };
        var output = new Option<FileInfo>("--out") { Description = "结果文件：.csv、.json 或 .xlsx", Required = true };
        var run = new Command("run", "按文件核算（不连接数据库），进度输出到 stderr");
        run.Options.Add(plots);
        run.Options.Add(method);
        run.Options.Add(year);
        run.Options.Add(parameters);
        run.Options.Add(output);
        run.SetAction(async (parse, ct) =>
        {
            var report = await RunFromFilesAsync(parse.GetValue(plots)!, parse.GetValue(method)!, parse.GetValue(year), parse.GetValue(parameters), stderr, ct);
            var file = parse.GetValue(output)!;
            await WriteReportAsync(report, file, ct);
            await stderr.WriteLineAsync(CliApp.Invariant($"[100%] 已写出 {file.FullName}：{report.Lines.Count} 行，合计 {report.Total} 元"));
            if (report.IsIllustrative)
            {
                await stderr.WriteLineAsync("警告：" + Qingshan.Valuation.Parameters.IllustrativeParameters.Warning);
            }

            return 0;
        });
        accounting.Subcommands.Add(run);

        var runs = new Command("runs", "核算任务");
        var list = new Command("list", "列出权限范围内的核算任务");
        var format = new Option<string>("--format") { Description = "输出格式：table、csv 或 json", DefaultValueFactory = _ => "table" };
        list.Options.Add(format);
        list.SetAction(async (parse, ct) =>
        {
            await using var services = await CliApp.PlatformAsync(parse, ct);
            await using var scope = await CliApp.ScopeAsync(services, parse, write: false);
            var rows = await scope.ServiceProvider.GetRequiredService<AccountingRunQueries>().ListAsync(null, ct);
            await RegistryCommands.WriteAsync(stdout, parse.GetValue(format)!, rows, ["id", "watershed", "year", "method", "parameters", "status", "progress", "total_yuan", "prepared_by"],
                r => [r.Id.ToString(), r.WatershedCode, r.AccountingYear.ToString(CultureInfo.InvariantCulture), r.MethodId, r.ParameterSetVersion, r.Status.ToString(),
                    r.ProgressPercent.ToString(CultureInfo.InvariantCulture), r.TotalYuan.ToString(CultureInfo.InvariantCulture), r.PreparedBy]);
            return 0;
        });
        runs.Subcommands.Add(list);
        accounting.Subcommands.Add(runs);
        accounting.Subcommands.Add(ParameterCommands(stdout));
        return accounting;
    }

    private static Command ParameterCommands(TextWriter stdout)
    {
        var parameters = new Command("parameters", "核算参数集");
        var file = new Option<FileInfo?>("--file") { Description = "参数集 JSON；缺省导入方法文档第 4 节种子参数" };
        var region = new Option<string>("--region") { Description = "适用区划代码；缺省为全国", DefaultValueFactory = _ => "" };
        var import = new Command("import", "导入参数集（草稿，须另一账号批准）");
        import.Options.Add(file);
        import.Options.Add(region);
        import.SetAction(async (parse, ct) =>
        {
            var set = parse.GetValue(file) is { } f ? Unwrap(ParameterSetJson.Read(await File.ReadAllTextAsync(f.FullName, ct))) : SeedParameters.Reference();
            await using var services = await CliApp.PlatformAsync(parse, ct);
            await using var scope = await CliApp.ScopeAsync(services, parse, write: true);
            var id = Unwrap(await scope.ServiceProvider.GetRequiredService<ImportParameterSetHandler>().HandleAsync(new ImportParameterSet(set, parse.GetValue(region)!), ct));
            await stdout.WriteLineAsync(CliApp.Invariant($"{id}\t{set.Version}\t{set.Parameters.Count}"));
            return 0;
        });
        var version = new Argument<string>("version") { Description = "参数集版本" };
        var approve = new Command("approve", "批准参数集");
        approve.Arguments.Add(version);
        approve.SetAction(async (parse, ct) =>
        {
            await using var services = await CliApp.PlatformAsync(parse, ct);
            await using var scope = await CliApp.ScopeAsync(services, parse, write: true);
            var sp = scope.ServiceProvider;
            var v = parse.GetValue(version)!;
            var id = await sp.GetRequiredService<ParameterSetQueries>().IdOfAsync(v, ct) ?? throw Refusal(AccountingErrors.ParameterSetNotFound(v));
            var result = await sp.GetRequiredService<ApproveParameterSetHandler>().HandleAsync(new ApproveParameterSet(id), ct);
            if (result.IsFailure)
            {
                throw Refusal(result.Error!);
            }

            await stdout.WriteLineAsync(CliApp.Invariant($"已批准 {v}"));
            return 0;
        });
        var list = new Command("list", "列出参数集");
        list.SetAction(async (parse, ct) =>
        {
            await using var services = await CliApp.PlatformAsync(parse, ct);
            await using var scope = await CliApp.ScopeAsync(services, parse, write: false);
            foreach (var r in await scope.ServiceProvider.GetRequiredService<ParameterSetQueries>().ListAsync(ct))
            {
                await stdout.WriteLineAsync(CliApp.Invariant($"{r.Version}\t{(r.RegionCode.Length == 0 ? "national" : r.RegionCode)}\t{r.Status}\t{(r.IsUsed ? "used" : "unused")}\t{r.ParameterCount}\t{r.ContentHash}"));
            }

            return 0;
        });
        var demoYear = new Option<int>("--year") { Description = "价格年份（= 核算年度）", Required = true };
        var demoOut = new Option<FileInfo>("--out") { Description = "写出的参数集 JSON", Required = true };
        var demo = new Command("demo", "写出演示参数集 JSON（演示参数，未经核实，不得用于交易定价；不连接数据库）");
        demo.Options.Add(demoYear);
        demo.Options.Add(demoOut);
        demo.SetAction(async (parse, ct) =>
        {
            var set = Qingshan.Platform.DemoAccounting.ParameterSet(parse.GetValue(demoYear));
            await File.WriteAllTextAsync(parse.GetValue(demoOut)!.FullName, ParameterSetJson.Write(set), ct);
            await stdout.WriteLineAsync(CliApp.Invariant($"{set.Version}	{set.Parameters.Count}	{Qingshan.Valuation.Parameters.IllustrativeParameters.Warning}"));
            return 0;
        });
        parameters.Subcommands.Add(demo);
        parameters.Subcommands.Add(import);
        parameters.Subcommands.Add(approve);
        parameters.Subcommands.Add(list);
        return parameters;
    }

    internal static async Task<RunReport> RunFromFilesAsync(FileInfo plotsFile, string methodId, int year, FileInfo? parametersFile, TextWriter progress, CancellationToken ct)
    {
        await progress.WriteLineAsync(CliApp.Invariant($"[  0%] 读取地块表 {plotsFile.Name}"));
        var method = RunComputation.FindMethod(methodId) ?? throw Refusal(AccountingErrors.RunMethodUnknown(methodId));
        var layer = Unwrap(await PlotTable.FromFile(plotsFile.FullName).ReadAsync(ct));
        var snapshot = new List<PlotSnapshot>();
        foreach (var p in layer.Plots)
        {
            if (p.AreaHectares is not { } area)
            {
                throw Refusal(AccountingErrors.InputPlotAttributesMissing(p.PlotCode, "area_hectares"));
            }

            if (string.IsNullOrEmpty(p.LandUseCode))
            {
                throw Refusal(AccountingErrors.InputPlotAttributesMissing(p.PlotCode, "land_use"));
            }

            snapshot.Add(new PlotSnapshot(p.PlotCode, area, p.LandUseCode));
        }

        await progress.WriteLineAsync(CliApp.Invariant($"[ 20%] {snapshot.Count} 个地块；读取参数集"));
        var set = parametersFile is null ? SeedParameters.Reference() : Unwrap(ParameterSetJson.Read(await File.ReadAllTextAsync(parametersFile.FullName, ct)));
        var inputs = new RunInputs(snapshot, [layer]);
        await progress.WriteLineAsync(CliApp.Invariant($"[ 30%] 参数集 {set.Version}（{set.Parameters.Count} 项）；核算中"));
        var outcome = Unwrap(RunComputation.Run(method, set, year, inputs, "cli"));
        if (outcome.IsRefused)
        {
            foreach (var issue in outcome.Errors)
            {
                await progress.WriteLineAsync("错误 " + Describe(AccountingErrors.FromIssue(issue)));
            }

            throw new CliRefusal(CliApp.Invariant($"核算被拒绝：{outcome.Errors.Count} 项错误"));
        }

        var valuation = outcome.Run!;
        foreach (var warning in valuation.Warnings)
        {
            await progress.WriteLineAsync("提示 " + Describe(AccountingErrors.FromIssue(warning)));
        }

        var lines = RunComputation.Lines(valuation);
        var inputHash = RunComputation.InputHash(method, year, set, inputs);
        var resultHash = RunComputation.ResultHash(lines);
        await progress.WriteLineAsync(CliApp.Invariant($"[ 90%] 输入哈希 {inputHash}；结果哈希 {resultHash}"));
        return new RunReport(new RunReportHeader(plotsFile.Name, year, method.Id, set.Version, inputHash, resultHash, "cli"), lines);
    }

    internal static async Task WriteReportAsync(RunReport report, FileInfo file, CancellationToken ct)
    {
        switch (file.Extension.ToLowerInvariant())
        {
            case ".xlsx":
                await using (var stream = File.Create(file.FullName))
                {
                    report.WriteXlsx(stream);
                }

                break;
            case ".json":
                await File.WriteAllTextAsync(file.FullName, report.ToJson(), new UTF8Encoding(false), ct);
                break;
            case ".csv":
                await File.WriteAllTextAsync(file.FullName, report.ToCsv(), new UTF8Encoding(true), ct);
                break;
            default:
                throw new CliRefusal("--out 须以 .csv、.json 或 .xlsx 结尾");
        }
    }

    private static T Unwrap<T>(Result<T> result) => result.IsSuccess ? result.Value : throw Refusal(result.Error!);

    private static CliRefusal Refusal(Error error) => new("错误 " + Describe(error));

    // The zh-CN message table lives in the web host; the CLI prints the stable code, the target and the arguments.
    private static string Describe(Error error) =>
        string.Create(CultureInfo.InvariantCulture, $"{error.Code}{(error.Target is null ? "" : " @ " + error.Target)}{(error.Args.Length == 0 ? "" : " (" + string.Join(", ", error.Args) + ")")}");
}

using System.Globalization;
using System.Text.Json;
using Qingshan.Accounting.Inputs;
using Qingshan.Accounting.Reports;
using Qingshan.Kernel;
using Qingshan.Valuation;
using Qingshan.Valuation.Engine;
using Qingshan.Valuation.Parameters;

namespace Qingshan.Accounting.Runs;

/// <summary>An engine issue as stored with a run: code, severity, target (plot or parameter) and invariant-text arguments.</summary>
public sealed record StoredIssue(string Code, IssueSeverity Severity, string Target, IReadOnlyList<string> Args)
{
    public static StoredIssue From(ValidationIssue issue) =>
        new(issue.Code, issue.Severity, issue.Target, [.. issue.Args.Select(a => Convert.ToString(a, CultureInfo.InvariantCulture) ?? "")]);

    public Error ToError() => new Error(Code, [.. Args]).At(Target);
}

/// <summary>The engine call every path shares (preparation check, background job, rerun, CLI), so all compute identically.</summary>
public static class RunComputation
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public static MethodVersion? FindMethod(string id) => MethodVersions.All.FirstOrDefault(m => string.Equals(m.Id, id, StringComparison.Ordinal));

    /// <summary>Runs the engine. A refusal of the inputs themselves (a plot outside the snapshot, a conflicting quantity) comes back as the error.</summary>
    public static Result<ValuationOutcome> Run(MethodVersion method, ParameterSet parameters, int year, RunInputs inputs, string watershedCode)
    {
        var plots = inputs.ToPlotInputs(watershedCode);
        if (plots.IsFailure)
        {
            return plots.Error!;
        }

        var request = new ValuationRequest(method, parameters, year, plots.Value)
        {
            PlotSetVersion = PlotSetVersion(inputs),
            InputLayerVersions = inputs.Layers.GroupBy(l => l.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => string.Join("+", g.Select(l => l.Version)), StringComparer.Ordinal),
        };
        return new ValuationEngine().Run(request);
    }

    /// <summary>First 16 hex digits of the SHA-256 of the plot snapshot (codes, areas, land uses).</summary>
    public static string PlotSetVersion(RunInputs inputs) =>
        CanonicalForm.Hash(string.Join('\n', inputs.Plots.OrderBy(p => p.Code, StringComparer.Ordinal)
            .Select(p => p.Code + "|" + CanonicalForm.Number(p.AreaHectares) + "|" + p.LandUseCode)))[..16];

    public static string InputHash(MethodVersion method, int year, ParameterSet parameters, RunInputs inputs) =>
        CanonicalForm.Hash(CanonicalForm.OfInputs(method, year, parameters, inputs));

    public static IReadOnlyList<ResultLine> Lines(ValuationRun run) => [.. run.Values.SelectMany(ResultLine.From)];

    public static string ResultHash(IEnumerable<ResultLine> lines) => CanonicalForm.Hash(CanonicalForm.OfResults(lines));

    internal static string SerializeInputs(RunInputs inputs) => JsonSerializer.Serialize(inputs, Json);

    internal static RunInputs DeserializeInputs(string json) =>
        JsonSerializer.Deserialize<RunInputs>(json, Json) ?? throw new InvalidOperationException("stored run inputs are empty");

    internal static string SerializeIssues(IEnumerable<ValidationIssue> issues) => JsonSerializer.Serialize(issues.Select(StoredIssue.From).ToList(), Json);

    internal static IReadOnlyList<StoredIssue> DeserializeIssues(string json) => JsonSerializer.Deserialize<List<StoredIssue>>(json, Json) ?? [];
}

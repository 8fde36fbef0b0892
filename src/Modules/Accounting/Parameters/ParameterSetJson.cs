using System.Text.Json;
using System.Text.Json.Serialization;
using Qingshan.Kernel;
using Qingshan.Valuation;
using Qingshan.Valuation.Parameters;
using Qingshan.Valuation.Quantities;

namespace Qingshan.Accounting.Parameters;

/// <summary>
/// The file and storage form of a parameter set (CLI <c>--parameters FILE.json</c>, the stored set's content). Enum
/// fields are written by name; decimals as JSON numbers, read back exactly.
/// </summary>
public static class ParameterSetJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Write(ParameterSet set) => JsonSerializer.Serialize(ToDocument(set), Options);

    public static string WriteParameters(IEnumerable<Parameter> parameters) =>
        JsonSerializer.Serialize(parameters.OrderBy(p => p.Id, StringComparer.Ordinal).Select(ToEntry).ToList(), Options);

    /// <summary>Reads a set; a malformed file or a duplicate parameter id is refused, not thrown.</summary>
    public static Result<ParameterSet> Read(string json)
    {
        try
        {
            var doc = JsonSerializer.Deserialize<Document>(json, Options);
            if (doc is null || string.IsNullOrWhiteSpace(doc.Version))
            {
                return AccountingErrors.ParameterSetInvalid("version");
            }

            var parameters = FromEntries(doc.Parameters ?? []);
            if (parameters.IsFailure)
            {
                return parameters.Error!;
            }

            return new ParameterSet(doc.Version, doc.Region ?? "", parameters.Value, doc.BasedOn);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or NotSupportedException)
        {
            return AccountingErrors.ParameterSetInvalid(e.Message);
        }
    }

    public static Result<IReadOnlyList<Parameter>> ReadParameters(string json)
    {
        try
        {
            return FromEntries(JsonSerializer.Deserialize<List<Entry>>(json, Options) ?? []);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or NotSupportedException)
        {
            return AccountingErrors.ParameterSetInvalid(e.Message);
        }
    }

    private static Result<IReadOnlyList<Parameter>> FromEntries(IEnumerable<Entry> entries)
    {
        var list = new List<Parameter>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in entries)
        {
            if (string.IsNullOrWhiteSpace(e.Id))
            {
                return AccountingErrors.ParameterSetInvalid("id");
            }

            if (!seen.Add(e.Id))
            {
                return AccountingErrors.ParameterSetInvalid(e.Id);
            }

            list.Add(new Parameter(e.Id, e.Value, e.Unit ?? "", e.Source ?? "", e.Evidence)
            {
                PerUnit = e.PerUnit,
                PriceYear = e.PriceYear,
                Region = e.Region,
                Adjustment = e.Adjustment,
            });
        }

        return list;
    }

    internal static Document ToDocument(ParameterSet set) =>
        new(set.Version, set.Region, set.BasedOn, [.. set.Parameters.Select(ToEntry)]);

    private static Entry ToEntry(Parameter p) => new(p.Id, p.Value, p.Unit, p.Source, p.Evidence, p.PerUnit, p.PriceYear, p.Region, p.Adjustment);

    internal sealed record Document(string Version, string? Region, string? BasedOn, List<Entry>? Parameters);

    internal sealed record Entry(string Id, decimal Value, string? Unit, string? Source, EvidenceLabel Evidence, QuantityUnit? PerUnit, int? PriceYear, string? Region, IndexAdjustment? Adjustment);
}

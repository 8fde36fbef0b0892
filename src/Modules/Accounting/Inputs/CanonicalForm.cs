using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Qingshan.Accounting.Reports;
using Qingshan.Valuation;
using Qingshan.Valuation.Engine;
using Qingshan.Valuation.Parameters;

namespace Qingshan.Accounting.Inputs;

/// <summary>
/// The canonical text a run's hashes are taken over: one record per line, fields separated by <c>|</c>, strings
/// JSON-quoted, decimals in invariant culture with trailing zeros dropped (1.50 and 1.5 are one value), and every
/// collection in ordinal order. SHA-256 over its UTF-8 bytes, lower-case hex. Changing this format changes every
/// stored hash, so it is versioned by the first line.
/// </summary>
public static class CanonicalForm
{
    public const string FormatVersion = "qingshan-accounting-canonical/1";

    public static string Hash(string canonical) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));

    /// <summary>A decimal with its scale reduced to the fewest digits that keep its value.</summary>
    public static string Number(decimal value) =>
        (value / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);

    private static string Text(string? value) => JsonSerializer.Serialize(value ?? "");

    /// <summary>The content of a plot table (sorted plots): the layer's version is a prefix of its hash.</summary>
    public static string OfLayerContent(IEnumerable<PlotQuantities> plots)
    {
        var sb = new StringBuilder();
        foreach (var p in plots.OrderBy(p => p.PlotCode, StringComparer.Ordinal))
        {
            AppendPlotQuantities(sb, p);
        }

        return sb.ToString();
    }

    /// <summary>Everything that determines a run's results: method and options, year, parameter set, plots and layers.</summary>
    public static string OfInputs(MethodVersion method, int accountingYear, ParameterSet parameters, RunInputs inputs)
    {
        var sb = new StringBuilder();
        sb.Append(FormatVersion).Append('\n');
        sb.Append("method|").Append(Text(method.Id)).Append('|').Append(Text(method.Options.ToString())).Append('|')
            .Append(string.Join(',', method.Indicators.Select(i => i.Code))).Append('\n');
        sb.Append("year|").Append(accountingYear.ToString(CultureInfo.InvariantCulture)).Append('\n');
        sb.Append(OfParameters(parameters));
        foreach (var p in inputs.Plots.OrderBy(p => p.Code, StringComparer.Ordinal))
        {
            sb.Append("plot|").Append(Text(p.Code)).Append('|').Append(Number(p.AreaHectares)).Append('|').Append(Text(p.LandUseCode)).Append('\n');
        }

        foreach (var layer in inputs.Layers.OrderBy(l => l.Name, StringComparer.Ordinal).ThenBy(l => l.Version, StringComparer.Ordinal))
        {
            sb.Append("layer|").Append(Text(layer.Name)).Append('|').Append(layer.Kind.ToString()).Append('|').Append(Text(layer.Version)).Append('\n');
            foreach (var q in layer.Plots.OrderBy(p => p.PlotCode, StringComparer.Ordinal))
            {
                AppendPlotQuantities(sb, q);
            }
        }

        return sb.ToString();
    }

    /// <summary>A parameter set's content (not its version label, which is metadata): ids in ordinal order.</summary>
    public static string OfParameters(ParameterSet parameters)
    {
        var sb = new StringBuilder();
        foreach (var p in parameters.Parameters.OrderBy(p => p.Id, StringComparer.Ordinal))
        {
            sb.Append("param|").Append(Text(p.Id)).Append('|').Append(Number(p.Value)).Append('|').Append(Text(p.Unit)).Append('|')
                .Append(p.PerUnit?.ToString() ?? "").Append('|').Append(p.PriceYear?.ToString(CultureInfo.InvariantCulture) ?? "").Append('|')
                .Append(Text(p.Source)).Append('|').Append(p.Evidence.ToString()).Append('|').Append(Text(p.Region));
            if (p.Adjustment is { } a)
            {
                sb.Append("|adj|").Append(a.FromYear.ToString(CultureInfo.InvariantCulture)).Append('|').Append(a.ToYear.ToString(CultureInfo.InvariantCulture))
                    .Append('|').Append(Number(a.Factor)).Append('|').Append(Number(a.OriginalValue)).Append('|').Append(Text(a.IndexName)).Append('|').Append(Text(a.IndexSource));
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>Every value line of a run, in plot, indicator, component order.</summary>
    public static string OfResults(IEnumerable<ResultLine> lines)
    {
        var sb = new StringBuilder();
        sb.Append(FormatVersion).Append('\n');
        foreach (var l in lines.OrderBy(l => l.PlotCode, StringComparer.Ordinal).ThenBy(l => l.IndicatorCode, StringComparer.Ordinal).ThenBy(l => l.Component, StringComparer.Ordinal))
        {
            sb.Append("line|").Append(Text(l.PlotCode)).Append('|').Append(l.IndicatorCode).Append('|').Append(Text(l.Component)).Append('|')
                .Append(Number(l.Quantity)).Append('|').Append(Number(l.UnitPrice)).Append('|').Append(l.PriceUnit).Append('|')
                .Append(l.PriceYear.ToString(CultureInfo.InvariantCulture)).Append('|').Append(Text(l.ParameterId)).Append('|').Append(Number(l.Value)).Append('\n');
        }

        return sb.ToString();
    }

    private static void AppendPlotQuantities(StringBuilder sb, PlotQuantities p)
    {
        sb.Append("q|").Append(Text(p.PlotCode)).Append('|').Append(p.AreaHectares is { } a ? Number(a) : "").Append('|').Append(Text(p.LandUseCode));
        foreach (var (kind, value) in p.Quantities.OrderBy(q => q.Key.ToString(), StringComparer.Ordinal))
        {
            sb.Append('|').Append(kind.ToString()).Append('=').Append(Number(value));
        }

        foreach (var product in p.Products.OrderBy(x => x.Indicator, StringComparer.Ordinal).ThenBy(x => x.ProductId, StringComparer.Ordinal))
        {
            sb.Append("|product=").Append(product.Indicator).Append(':').Append(Text(product.ProductId)).Append(':').Append(Number(product.Quantity)).Append(':').Append(product.Unit.ToString());
        }

        sb.Append('\n');
    }
}

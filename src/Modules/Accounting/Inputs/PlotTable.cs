using System.Globalization;
using System.Text;
using MiniExcelLibs;
using Qingshan.Kernel;
using Qingshan.Valuation.Engine;
using Qingshan.Valuation.Quantities;

namespace Qingshan.Accounting.Inputs;

/// <summary>
/// Reads a plot table (CSV, UTF-8, or .xlsx first sheet) into an <see cref="InputLayer"/>. Columns:
/// <c>plot_code</c> (or 地块编码) required; optional <c>area_hectares</c> and <c>land_use</c> (used by the CLI only);
/// one column per <see cref="InputKind"/> (its name, or snake_case such as <c>soil_retained_tonnes</c>);
/// product yields as <c>product:M1:pomelo:Tonne</c> (indicator, product id, unit). Empty cells are absent
/// quantities. A non-number, NaN, infinity or a negative value is refused naming the plot and column.
/// </summary>
public sealed class PlotTable(string name, Func<Stream> open, bool excel) : IPlotQuantitySource
{
    private static readonly string[] PlotCodeColumns = ["plot_code", "地块编码"];
    private static readonly string[] AreaColumns = ["area_hectares", "面积_公顷"];
    private static readonly string[] LandUseColumns = ["land_use", "土地利用"];

    public static PlotTable FromFile(string path) =>
        new(Path.GetFileName(path), () => File.OpenRead(path), path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase));

    public static PlotTable FromBytes(string fileName, byte[] content) =>
        new(fileName, () => new MemoryStream(content, writable: false), fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase));

    public async Task<Result<InputLayer>> ReadAsync(CancellationToken ct = default)
    {
        List<string> header;
        List<string?[]> rows;
        try
        {
            await using var stream = open();
            (header, rows) = excel ? ReadExcel(stream) : await ReadCsvAsync(stream, ct);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or FormatException or InvalidOperationException)
        {
            return AccountingErrors.InputUnreadable(e.Message);
        }

        return Parse(name, header, rows);
    }

    internal static Result<InputLayer> Parse(string name, List<string> header, List<string?[]> rows)
    {
        var codeColumn = header.FindIndex(h => PlotCodeColumns.Contains(h.Trim(), StringComparer.OrdinalIgnoreCase));
        if (codeColumn < 0)
        {
            return AccountingErrors.InputPlotCodeMissing();
        }

        var columns = new List<(int Index, string Name, Func<PlotQuantitiesBuilder, decimal, Error?> Apply)>();
        int? areaColumn = null, landUseColumn = null;
        for (var i = 0; i < header.Count; i++)
        {
            var h = header[i].Trim();
            if (i == codeColumn || h.Length == 0)
            {
                continue;
            }

            if (AreaColumns.Contains(h, StringComparer.OrdinalIgnoreCase))
            {
                areaColumn = i;
            }
            else if (LandUseColumns.Contains(h, StringComparer.OrdinalIgnoreCase))
            {
                landUseColumn = i;
            }
            else if (TryInputKind(h, out var kind))
            {
                columns.Add((i, h, (b, v) => { b.Quantities[kind] = v; return null; }));
            }
            else if (TryProduct(h, out var indicator, out var product, out var unit))
            {
                columns.Add((i, h, (b, v) => { b.Products.Add(new ProductQuantity(indicator, product, v, unit)); return null; }));
            }
            else
            {
                return AccountingErrors.InputColumnUnknown(h);
            }
        }

        var plots = new List<PlotQuantities>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var code = Cell(row, codeColumn)?.Trim();
            if (string.IsNullOrEmpty(code))
            {
                if (row.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }

                return AccountingErrors.InputPlotCodeMissing();
            }

            if (!seen.Add(code))
            {
                return AccountingErrors.InputPlotDuplicate(code);
            }

            var builder = new PlotQuantitiesBuilder();
            foreach (var (index, column, apply) in columns)
            {
                var text = Cell(row, index);
                if (string.IsNullOrWhiteSpace(text))
                {
                    continue;
                }

                var parsed = ParseQuantity(code, column, text);
                if (parsed.IsFailure)
                {
                    return parsed.Error!;
                }

                apply(builder, parsed.Value);
            }

            decimal? area = null;
            if (areaColumn is { } a && !string.IsNullOrWhiteSpace(Cell(row, a)))
            {
                var parsed = ParseQuantity(code, header[a], Cell(row, a)!);
                if (parsed.IsFailure)
                {
                    return parsed.Error!;
                }

                area = parsed.Value;
            }

            plots.Add(new PlotQuantities(code)
            {
                AreaHectares = area,
                LandUseCode = landUseColumn is { } l ? Cell(row, l)?.Trim() : null,
                Quantities = builder.Quantities,
                Products = builder.Products,
            });
        }

        if (plots.Count == 0)
        {
            return AccountingErrors.InputEmpty();
        }

        plots.Sort((x, y) => string.CompareOrdinal(x.PlotCode, y.PlotCode));
        var version = CanonicalForm.Hash(CanonicalForm.OfLayerContent(plots))[..16];
        return new InputLayer(name, InputLayerKind.PlotTable, version, plots);
    }

    private static Result<decimal> ParseQuantity(string plot, string column, string text)
    {
        var t = text.Trim();
        if (!decimal.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            // NaN and ±∞ have no decimal form, so they land here too and are named as invalid.
            return AccountingErrors.InputValueInvalid(plot, column, t);
        }

        if (value < 0m)
        {
            return AccountingErrors.InputValueNegative(plot, column, value);
        }

        return value;
    }

    internal static bool TryInputKind(string column, out InputKind kind)
    {
        var compact = column.Replace("_", "", StringComparison.Ordinal);
        return Enum.TryParse(compact, ignoreCase: true, out kind) && Enum.IsDefined(kind) && !compact.All(char.IsAsciiDigit);
    }

    private static bool TryProduct(string column, out string indicator, out string product, out QuantityUnit unit)
    {
        indicator = product = "";
        unit = default;
        var parts = column.Split(':');
        if (parts.Length != 4 || !parts[0].Equals("product", StringComparison.OrdinalIgnoreCase) || parts[1].Length == 0 || parts[2].Length == 0)
        {
            return false;
        }

        indicator = parts[1].ToUpperInvariant();
        product = parts[2];
        var unitText = parts[3];
        foreach (var u in Enum.GetValues<QuantityUnit>())
        {
            if (u.ToString().Equals(unitText, StringComparison.OrdinalIgnoreCase) || u.Symbol() == unitText)
            {
                unit = u;
                return true;
            }
        }

        return false;
    }

    private static string? Cell(string?[] row, int index) => index < row.Length ? row[index] : null;

    private static (List<string> Header, List<string?[]> Rows) ReadExcel(Stream stream)
    {
        var header = new List<string>();
        var rows = new List<string?[]>();
        foreach (IDictionary<string, object?> row in stream.Query(useHeaderRow: false))
        {
            var cells = row.Values.Select(v => v switch
            {
                null => null,
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => v.ToString(),
            }).ToArray();
            if (header.Count == 0)
            {
                header.AddRange(cells.Select(c => c ?? ""));
            }
            else
            {
                rows.Add(cells);
            }
        }

        return (header, rows);
    }

    private static async Task<(List<string> Header, List<string?[]> Rows)> ReadCsvAsync(Stream stream, CancellationToken ct)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var header = new List<string>();
        var rows = new List<string?[]>();
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            var cells = SplitCsv(line);
            if (header.Count == 0)
            {
                header.AddRange(cells.Select(c => c ?? ""));
            }
            else
            {
                rows.Add(cells);
            }
        }

        return (header, rows);
    }

    // RFC 4180 fields on one line: quoted fields may hold commas and doubled quotes (no embedded line breaks).
    internal static string?[] SplitCsv(string line)
    {
        var cells = new List<string?>();
        var sb = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    sb.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    sb.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                cells.Add(sb.ToString());
                sb.Clear();
            }
            else
            {
                sb.Append(c);
            }
        }

        cells.Add(sb.ToString());
        return [.. cells];
    }

    private sealed class PlotQuantitiesBuilder
    {
        public Dictionary<InputKind, decimal> Quantities { get; } = [];

        public List<ProductQuantity> Products { get; } = [];
    }
}

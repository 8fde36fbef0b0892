using System.Data;
using System.Globalization;
using System.Xml;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;
using Qingshan.Kernel;

namespace Qingshan.Registry.Imports;

/// <summary>One data row of an import sheet: its row number as Excel shows it, and its cells by header.</summary>
internal sealed record SheetRow(int Row, IReadOnlyDictionary<string, object?> Cells)
{
    public string? Text(string header) => Cells.TryGetValue(header, out var v) ? ImportText.Text(v) : null;
}

/// <summary>Reading and writing the .xlsx files of imports, templates and exports (MiniExcel, first sheet, header in row 1).</summary>
internal static class ExcelSheet
{
    /// <summary>Reads the first sheet after the zip-bomb checks; refuses a sheet missing any required header.</summary>
    public static Result<List<SheetRow>> Read(string fileName, byte[] bytes, IReadOnlyList<string> requiredHeaders)
    {
        var kind = ImportFiles.Detect(fileName, bytes, ImportFileKind.Xlsx);
        if (kind.IsFailure)
        {
            return kind.Error!;
        }

        var unzipped = ImportFiles.Unzip(bytes);
        if (unzipped.IsFailure)
        {
            return unzipped.Error!;
        }

        try
        {
            var config = new OpenXmlConfiguration { TrimColumnNames = true, FillMergedCells = false };
            using var stream = new MemoryStream(bytes, writable: false);
            var headers = MiniExcel.GetColumns(stream, useHeaderRow: true, excelType: ExcelType.XLSX, configuration: config) ?? [];
            var missing = requiredHeaders.Where(h => !headers.Contains(h)).ToList();
            if (missing.Count > 0)
            {
                return RegistryErrors.ImportFieldMissing(string.Join("、", missing));
            }

            stream.Position = 0;
            var rows = new List<SheetRow>();
            var row = 1;
            foreach (var item in MiniExcel.Query(stream, useHeaderRow: true, excelType: ExcelType.XLSX, configuration: config))
            {
                row++;
                var cells = (IDictionary<string, object?>)item;
                if (cells.Values.All(v => ImportText.Text(v) is null))
                {
                    continue;
                }

                if (rows.Count >= ImportLimits.MaxRows)
                {
                    return RegistryErrors.ImportTooManyRows(ImportLimits.MaxRows);
                }

                rows.Add(new SheetRow(row, new Dictionary<string, object?>(cells, StringComparer.Ordinal)));
            }

            return rows.Count == 0 ? RegistryErrors.ImportEmpty() : rows;
        }
        catch (Exception e) when (e is XmlException or InvalidDataException or InvalidOperationException or NotSupportedException or FormatException or KeyNotFoundException or IndexOutOfRangeException)
        {
            return RegistryErrors.ImportFileUnreadable("Excel 文件损坏或不是 .xlsx 格式");
        }
    }

    /// <summary>A date cell: an Excel date, a serial number, or text as 2024-01-31, 2024/1/31, 20240131 or 2024年1月31日.</summary>
    public static bool TryDate(object? value, out DateOnly date)
    {
        switch (value)
        {
            case DateTime dt:
                date = DateOnly.FromDateTime(dt);
                return true;
            case DateOnly d:
                date = d;
                return true;
            case double serial when serial is > 1 and < 2_958_466:
                date = DateOnly.FromDateTime(DateTime.FromOADate(serial));
                return true;
        }

        var text = ImportText.Text(value);
        string[] formats = ["yyyy-M-d", "yyyy/M/d", "yyyyMMdd", "yyyy年M月d日", "yyyy.M.d"];
        return DateOnly.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    /// <summary>是/否 (also Y/N, true/false, 1/0); blank is no.</summary>
    public static bool TryYesNo(string? text, out bool value)
    {
        switch (text?.ToUpperInvariant())
        {
            case null or "否" or "N" or "NO" or "FALSE" or "0":
                value = false;
                return true;
            case "是" or "Y" or "YES" or "TRUE" or "1":
                value = true;
                return true;
            default:
                value = false;
                return false;
        }
    }

    /// <summary>
    /// Writes sheets, each a header row and text/number cells. Text cells go through <see cref="ImportText.Neutralise"/>
    /// so no cell can start a formula (T20).
    /// </summary>
    public static byte[] Write(params (string Name, IReadOnlyList<string> Headers, IEnumerable<object?[]> Rows)[] sheets)
    {
        var book = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (name, headers, rows) in sheets)
        {
            var table = new DataTable(name) { Locale = CultureInfo.InvariantCulture };
            foreach (var h in headers)
            {
                table.Columns.Add(h, typeof(object));
            }

            foreach (var values in rows)
            {
                table.Rows.Add(values.Select(v => v is string s ? ImportText.Neutralise(s) : v ?? DBNull.Value).ToArray());
            }

            if (table.Rows.Count == 0)
            {
                // MiniExcel writes no header row for an empty table; one blank row keeps the header (imports skip blank rows).
                table.Rows.Add(headers.Select(_ => (object)DBNull.Value).ToArray());
            }

            book[name] = table;
        }

        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, book, printHeader: true, excelType: ExcelType.XLSX, configuration: new OpenXmlConfiguration { FastMode = true, EnableAutoWidth = true, FreezeRowCount = 1 });
        return stream.ToArray();
    }
}

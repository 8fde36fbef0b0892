using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Qingshan.Kernel;

namespace Qingshan.Registry.Imports;

/// <summary>
/// One problem found in an import file. <see cref="Row"/> is the feature number (Shapefile, GeoJSON: 1 = first
/// feature) or the sheet row (Excel: 2 = first data row under the header); null for a problem with the whole file.
/// <see cref="Field"/> is the column as the file names it. The error's <see cref="Error.Target"/> says both in zh-CN.
/// </summary>
public sealed record ImportProblem(int? Row, string? Field, Error Error);

/// <summary>Outcome of an all-or-nothing import: either every row was written, or none was and every problem is listed.</summary>
public sealed record ImportResult(int Imported, IReadOnlyList<ImportProblem> Problems)
{
    public bool IsSuccess => Problems.Count == 0;

    public static ImportResult Failed(Error error) => new(0, [new ImportProblem(null, null, error)]);

    public static ImportResult Failed(IReadOnlyList<ImportProblem> problems) => new(0, problems);
}

/// <summary>ASVS 5.0 V5 / T21 limits for uploaded import files.</summary>
public static class ImportLimits
{
    /// <summary>Largest upload accepted (bytes, as sent).</summary>
    public const long MaxUploadBytes = 100L * 1024 * 1024;

    /// <summary>Largest total size of a zip's contents once inflated (zip-bomb guard; .xlsx is a zip too).</summary>
    public const long MaxUncompressedBytes = 100L * 1024 * 1024;

    /// <summary>Most entries a zip may hold.</summary>
    public const int MaxZipEntries = 1000;

    /// <summary>Most data rows or features per file (T21: a 10,000-row template import within 30 s).</summary>
    public const int MaxRows = 10_000;
}

/// <summary>What an uploaded file is, judged by its first bytes and checked against its extension.</summary>
internal enum ImportFileKind
{
    ZippedShapefile,
    GeoJson,
    Xlsx,
}

/// <summary>Reading untrusted uploads: bounded, magic-checked, zip-bomb-checked. Nothing touches the disk.</summary>
internal static class ImportFiles
{
    private static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];

    public static async Task<Result<byte[]>> ReadAsync(Stream content, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > ImportLimits.MaxUploadBytes)
            {
                return RegistryErrors.ImportTooLarge(ImportLimits.MaxUploadBytes);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.Length == 0 ? RegistryErrors.ImportEmpty() : buffer.ToArray();
    }

    /// <summary>The extension names the format; the magic bytes must agree (T21/T22: allowlist by magic number).</summary>
    public static Result<ImportFileKind> Detect(string fileName, byte[] bytes, params ImportFileKind[] allowed)
    {
        var ext = Path.GetExtension(fileName).ToLowerInvariant();
        ImportFileKind? kind = ext switch
        {
            ".zip" when bytes.AsSpan().StartsWith(ZipMagic) => ImportFileKind.ZippedShapefile,
            ".xlsx" when bytes.AsSpan().StartsWith(ZipMagic) => ImportFileKind.Xlsx,
            ".geojson" or ".json" when LooksLikeJsonObject(bytes) => ImportFileKind.GeoJson,
            _ => null,
        };
        return kind is { } k && allowed.Contains(k) ? k : RegistryErrors.ImportFileTypeInvalid(Path.GetFileName(fileName));
    }

    private static bool LooksLikeJsonObject(byte[] bytes)
    {
        var span = bytes.AsSpan();
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            span = span[3..];
        }

        foreach (var b in span)
        {
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                continue;
            }

            return b == (byte)'{';
        }

        return false;
    }

    /// <summary>
    /// Inflates a zip into memory, refusing more than <see cref="ImportLimits.MaxZipEntries"/> entries or more than
    /// <see cref="ImportLimits.MaxUncompressedBytes"/> in total. Declared sizes are checked first and actual sizes
    /// while inflating, since a crafted header can lie.
    /// </summary>
    public static Result<Dictionary<string, byte[]>> Unzip(byte[] bytes)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            if (zip.Entries.Count > ImportLimits.MaxZipEntries)
            {
                return RegistryErrors.ImportTooManyEntries(ImportLimits.MaxZipEntries);
            }

            if (zip.Entries.Sum(e => e.Length) > ImportLimits.MaxUncompressedBytes)
            {
                return RegistryErrors.ImportTooLarge(ImportLimits.MaxUncompressedBytes);
            }

            var files = new Dictionary<string, byte[]>(StringComparer.OrdinalIgnoreCase);
            long total = 0;
            foreach (var entry in zip.Entries)
            {
                if (entry.FullName.EndsWith('/'))
                {
                    continue;
                }

                using var source = entry.Open();
                using var target = new MemoryStream();
                var chunk = new byte[81920];
                int read;
                while ((read = source.Read(chunk, 0, chunk.Length)) > 0)
                {
                    total += read;
                    if (total > ImportLimits.MaxUncompressedBytes)
                    {
                        return RegistryErrors.ImportTooLarge(ImportLimits.MaxUncompressedBytes);
                    }

                    target.Write(chunk, 0, read);
                }

                files[entry.FullName] = target.ToArray();
            }

            return files;
        }
        catch (InvalidDataException)
        {
            return RegistryErrors.ImportFileUnreadable("压缩包已损坏或不完整");
        }
    }
}

/// <summary>Text rules shared by imports and exports.</summary>
public static class ImportText
{
    /// <summary>GBK (code page 936), the usual encoding of DBF files made by Chinese GIS software.</summary>
    public static Encoding Gbk { get; } = CodePage(936);

    /// <summary>First characters that make a spreadsheet treat a cell as a formula (OWASP CSV injection, ASVS 1.2.10, T20).</summary>
    private static readonly char[] FormulaTriggers = ['=', '+', '-', '@', '\t', '\r', '\0'];

    /// <summary>Prefixes a text cell that a spreadsheet could run as a formula with <c>'</c>, so it stays text.</summary>
    public static string Neutralise(string value) =>
        value.Length > 0 && FormulaTriggers.Contains(value[0]) ? "'" + value : value;

    /// <summary>Undoes <see cref="Neutralise"/> on import, so an export read back gives the original value.</summary>
    public static string Restore(string value) =>
        value.Length > 1 && value[0] == '\'' && FormulaTriggers.Contains(value[1]) ? value[1..] : value;

    /// <summary>
    /// The encoding a Shapefile's .cpg names. GB2312 text is decoded as GBK, its superset, because files labelled
    /// GB2312 often hold GBK-only characters (e.g. rare names of villages).
    /// </summary>
    public static Encoding? EncodingFromCpg(string cpg)
    {
        var name = cpg.Trim().Trim('\0').ToUpperInvariant();
        return name switch
        {
            "UTF-8" or "UTF8" or "65001" => new UTF8Encoding(false),
            "GBK" or "GB2312" or "CP936" or "936" or "ANSI 936" or "WINDOWS-936" or "MS936" => Gbk,
            "GB18030" or "54936" => CodePage(54936),
            _ => TryGet(name),
        };
    }

    // .NET ships only Unicode and Latin-1 encodings by default; the code-page provider adds GBK and GB18030.
    private static Encoding CodePage(int codePage)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(codePage);
    }

    private static Encoding? TryGet(string name)
    {
        try
        {
            return Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>A cell or attribute value as trimmed text, or null when blank. Whole numbers lose their ".0".</summary>
    public static string? Text(object? value)
    {
        var text = value switch
        {
            null or DBNull => null,
            string s => s,
            JsonElement { ValueKind: JsonValueKind.String } j => j.GetString(),
            JsonElement { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
            JsonElement j => j.GetRawText(),
            double d when d == Math.Floor(d) && Math.Abs(d) < 1e15 => ((long)d).ToString(CultureInfo.InvariantCulture),
            float f when f == MathF.Floor(f) && Math.Abs(f) < 1e7 => ((long)f).ToString(CultureInfo.InvariantCulture),
            decimal m when m == decimal.Floor(m) => decimal.Truncate(m).ToString(CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
        text = text?.Trim();
        return string.IsNullOrEmpty(text) ? null : Restore(text);
    }

    /// <summary>Where a problem is, as the zh-CN message prefix: "第 3 行「地类编码」".</summary>
    internal static string Where(int? row, string? field) => (row, field) switch
    {
        (null, null) => "",
        (null, { } f) => $"「{f}」",
        ({ } r, null) => string.Create(CultureInfo.InvariantCulture, $"第 {r} 行"),
        ({ } r, { } f) => string.Create(CultureInfo.InvariantCulture, $"第 {r} 行「{f}」"),
    };

    internal static ImportProblem Problem(int? row, string? field, Error error) =>
        new(row, field, row is null && field is null ? error : error.At(Where(row, field)));
}

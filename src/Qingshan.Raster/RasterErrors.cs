using System.Globalization;
using Qingshan.Kernel;

namespace Qingshan.Raster;

/// <summary>
/// Every refusal the raster models can give. <see cref="Error.Target"/> names the layer
/// (R, K, LS, C, P, zones …) so the message can say which file is wrong.
/// </summary>
public static class RasterErrors
{
    public const string FileUnreadableCode = "accounting.raster.file_unreadable";
    public const string UnsupportedFormatCode = "accounting.raster.unsupported_format";
    public const string NotGeoreferencedCode = "accounting.raster.not_georeferenced";
    public const string CrsMismatchCode = "accounting.raster.crs_mismatch";
    public const string GridMismatchCode = "accounting.raster.grid_mismatch";
    public const string InvalidValueCode = "accounting.raster.invalid_value";
    public const string ZoneIdTooLargeCode = "accounting.raster.zone_id_too_large";
    public const string DecodeFailedCode = "accounting.raster.decode_failed";
    public const string WriteFailedCode = "accounting.raster.write_failed";

    /// <summary>zh-CN message templates, one per code; {0} is always the layer name.</summary>
    public static IReadOnlyDictionary<string, string> MessagesZhCn { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [FileUnreadableCode] = "图层“{0}”的文件无法读取：{1}",
        [UnsupportedFormatCode] = "图层“{0}”的 GeoTIFF 格式不受支持：{1}",
        [NotGeoreferencedCode] = "图层“{0}”缺少地理参考信息（像元大小、控制点或坐标系）：{1}",
        [CrsMismatchCode] = "图层“{0}”的坐标系（EPSG:{1}）与参考图层“{2}”（EPSG:{3}）不一致",
        [GridMismatchCode] = "图层“{0}”的栅格网格或范围与参考图层“{1}”不一致：{2}",
        [InvalidValueCode] = "图层“{0}”在第 {1} 行第 {2} 列的值 {3} 无效：{4}",
        [ZoneIdTooLargeCode] = "图层“{0}”的分区编号 {1} 超出上限 {2}",
        [DecodeFailedCode] = "图层“{0}”的数据块 {1} 解码失败",
        [WriteFailedCode] = "结果图层“{0}”写入失败：{1}",
    };

    public static Error FileUnreadable(string layer, string reason) => new Error(FileUnreadableCode, layer, reason).At(layer);

    public static Error UnsupportedFormat(string layer, string what) => new Error(UnsupportedFormatCode, layer, what).At(layer);

    public static Error NotGeoreferenced(string layer, string what) => new Error(NotGeoreferencedCode, layer, what).At(layer);

    public static Error CrsMismatch(string layer, int epsg, string reference, int referenceEpsg) =>
        new Error(CrsMismatchCode, layer, epsg, reference, referenceEpsg).At(layer);

    public static Error GridMismatch(string layer, string reference, string what) =>
        new Error(GridMismatchCode, layer, reference, what).At(layer);

    /// <summary>A pixel value outside the factor's domain; row and column are 0-based pixel indices.</summary>
    public static Error InvalidValue(string layer, int row, int column, double value, string rule) =>
        new Error(InvalidValueCode, layer, row, column, value, rule).At(layer);

    public static Error ZoneIdTooLarge(string layer, long zoneId, int max) => new Error(ZoneIdTooLargeCode, layer, zoneId, max).At(layer);

    public static Error DecodeFailed(string layer, int block) => new Error(DecodeFailedCode, layer, block).At(layer);

    public static Error WriteFailed(string layer, string reason) => new Error(WriteFailedCode, layer, reason).At(layer);

    /// <summary>The zh-CN sentence for an error from this module (for the CLI and logs; the web host uses its resx).</summary>
    public static string DescribeZhCn(Error error) =>
        MessagesZhCn.TryGetValue(error.Code, out var template)
            ? string.Format(CultureInfo.InvariantCulture, template, error.Args)
            : error.ToString();
}

using System.Globalization;
using Qingshan.Registry.Plots;

namespace Qingshan.Web.Components.Shared;

/// <summary>Display formats used across pages (rounding for display only; stored values keep full precision).</summary>
public static class Format
{
    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-CN");

    public static string SquareMetres(double m2) => m2.ToString("#,##0.00", Zh);

    public static string Hectares(double m2) => (m2 / 10_000).ToString("#,##0.0000", Zh);

    public static string Mu(double m2) => (m2 / PlotGeometry.SquareMetresPerMu).ToString("#,##0.00", Zh);

    public static string Date(DateTimeOffset? at) => at is null ? "" : at.Value.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "长期";

    public static string Yuan(Qingshan.Kernel.Money m) => "¥" + m.ToString();
}

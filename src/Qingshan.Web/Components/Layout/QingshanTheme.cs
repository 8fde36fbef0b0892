using MudBlazor;

namespace Qingshan.Web.Components.Layout;

/// <summary>Green "青山" palette; system CJK fonts only (no web fonts fetched from anywhere).</summary>
public static class QingshanTheme
{
    private static readonly string[] Fonts = ["Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "WenQuanYi Zen Hei", "sans-serif"];

    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight { Primary = "#2e7d32", Secondary = "#00695c", AppbarBackground = "#2e7d32" },
        Typography = new Typography { Default = new DefaultTypography { FontFamily = Fonts } },
    };
}

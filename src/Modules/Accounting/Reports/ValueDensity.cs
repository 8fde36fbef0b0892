using System.Globalization;

namespace Qingshan.Accounting.Reports;

/// <summary>A plot's value per hectare in a run (the run's own area snapshot), and the class it is drawn in.</summary>
public sealed record PlotValueDensity(string PlotCode, string LandUseCode, decimal AreaHectares, decimal ValueYuan, decimal YuanPerHectare, int Class);

/// <summary>One class of the value-density map: [From, To) 元/公顷 (the last class includes To).</summary>
public sealed record DensityClass(int Index, decimal From, decimal To, int PlotCount)
{
    public string Label => string.Create(CultureInfo.InvariantCulture, $"{From:#,##0} – {To:#,##0} 元/公顷");
}

/// <summary>
/// Classes for the value-density map: quantile breaks (equal plot counts per class, at most <see cref="MaxClasses"/>),
/// so a few very valuable plots (ponds with visitors) do not wash every other plot into one colour.
/// </summary>
public static class ValueDensity
{
    public const int MaxClasses = 5;

    public static (IReadOnlyList<PlotValueDensity> Plots, IReadOnlyList<DensityClass> Classes) Classify(IEnumerable<(string PlotCode, string LandUseCode, decimal AreaHectares, decimal ValueYuan)> plots)
    {
        ArgumentNullException.ThrowIfNull(plots);
        var densities = plots.Where(p => p.AreaHectares > 0m)
            .Select(p => (p.PlotCode, p.LandUseCode, p.AreaHectares, p.ValueYuan, PerHectare: p.ValueYuan / p.AreaHectares))
            .OrderBy(p => p.PerHectare).ThenBy(p => p.PlotCode, StringComparer.Ordinal).ToList();
        if (densities.Count == 0)
        {
            return ([], []);
        }

        var count = Math.Min(MaxClasses, densities.Count);
        var breaks = new List<decimal> { densities[0].PerHectare };
        for (var k = 1; k < count; k++)
        {
            var b = densities[k * densities.Count / count].PerHectare;
            if (b > breaks[^1])
            {
                breaks.Add(b);
            }
        }

        var max = densities[^1].PerHectare;
        int ClassOf(decimal v)
        {
            var c = 0;
            while (c + 1 < breaks.Count && v >= breaks[c + 1])
            {
                c++;
            }

            return c;
        }

        var result = densities.Select(d => new PlotValueDensity(d.PlotCode, d.LandUseCode, d.AreaHectares, d.ValueYuan, d.PerHectare, ClassOf(d.PerHectare)))
            .OrderBy(d => d.PlotCode, StringComparer.Ordinal).ToList();
        var classes = breaks.Select((from, i) => new DensityClass(i, from, i + 1 < breaks.Count ? breaks[i + 1] : max, result.Count(r => r.Class == i))).ToList();
        return (result, classes);
    }
}

namespace Qingshan.Valuation.Parameters;

/// <summary>
/// Marks parameters that exist only to demonstrate the platform (the demo county's sets). ACCOUNTING-METHOD.md section 4
/// refuses a price whose price year differs from the accounting year unless a price index was applied, and the shared
/// documents hold no sourced price index; so a demo set restates published prices in the accounting year without an
/// index, labels them [D] (a proposal of ours, not a verified value) and starts every source with
/// <see cref="SourcePrefix"/>. Reports and pages print <see cref="Warning"/> whenever a run used such a parameter.
/// </summary>
public static class IllustrativeParameters
{
    /// <summary>The first characters of the source citation of every illustrative parameter.</summary>
    public const string SourcePrefix = "【演示参数，未经核实】";

    /// <summary>The warning every report and page shows for a run that used an illustrative parameter.</summary>
    public const string Warning = "演示参数，未经核实，不得用于交易定价";

    /// <summary>Whether a source citation marks an illustrative parameter.</summary>
    /// <param name="source">Source citation of a parameter or a value line.</param>
    /// <returns>True for an illustrative parameter.</returns>
    public static bool IsIllustrative(string? source) => source is not null && source.StartsWith(SourcePrefix, StringComparison.Ordinal);

    /// <summary>Whether any parameter of the set is illustrative.</summary>
    /// <param name="set">The set.</param>
    /// <returns>True when a run with this set must carry <see cref="Warning"/>.</returns>
    public static bool AnyIn(ParameterSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        return set.Parameters.Any(p => IsIllustrative(p.Source));
    }

    /// <summary>
    /// Restates a price in another year's prices without a price index, as an illustration only: value unchanged,
    /// price year moved, evidence [D], source prefixed with <see cref="SourcePrefix"/> and stating the original year.
    /// A coefficient (not a price) keeps its value and label and only gets the prefix.
    /// </summary>
    /// <param name="parameter">A published parameter (e.g. from <see cref="SeedParameters.Reference"/>).</param>
    /// <param name="priceYear">The year the demo prices it in.</param>
    /// <returns>The illustrative parameter.</returns>
    public static Parameter Restate(Parameter parameter, int priceYear)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        if (!parameter.IsPrice)
        {
            return parameter with { Source = SourcePrefix + parameter.Source + "；非本地实测值" };
        }

        return parameter with
        {
            PriceYear = priceYear,
            Evidence = EvidenceLabel.Derived,
            Source = $"{SourcePrefix}{parameter.Source}；原为 {parameter.PriceYear} 年价，未经价格指数调整，按 {priceYear} 年价列示",
        };
    }
}

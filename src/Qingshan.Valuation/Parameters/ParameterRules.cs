namespace Qingshan.Valuation.Parameters;

/// <summary>
/// Bounds a parameter must respect (ACCOUNTING-METHOD.md section 9 and the physical meaning of each value).
/// A value outside them is refused with <see cref="ValuationCodes.ParameterOutOfRange"/> naming the parameter.
/// </summary>
public static class ParameterRules
{
    private static readonly Dictionary<string, (decimal Min, decimal Max)> Exact = new(StringComparer.Ordinal)
    {
        // Fractions.
        [ParameterIds.SedimentDepositionRatio] = (0m, 1m),
        [ParameterIds.SoilNitrogenContent] = (0m, 1m),
        [ParameterIds.SoilPhosphorusContent] = (0m, 1m),
        [ParameterIds.SoilPotassiumContent] = (0m, 1m),
        [ParameterIds.SoilOrganicMatterContent] = (0m, 1m),
        [ParameterIds.ReservoirFloodStorageShare] = (0m, 1m),

        // Section 9: bulk density 0.8–1.8 t/m³.
        [ParameterIds.SoilBulkDensity] = (0.8m, 1.8m),

        // [D] physical plausibility: dry sand is 1.2–1.7 t/m³; topsoil and desertification depth are decimetres.
        [ParameterIds.SandBulkDensity] = (1.0m, 2.0m),
        [ParameterIds.DesertifiedSandDepth] = (0.01m, 1m),
        [ParameterIds.TopsoilDepth] = (0.01m, 2m),

        // [D] stoichiometry: 1 t dry matter (≈ CH₂O) fixes about 1.47–1.63 t CO₂ and releases about 1.07–1.2 t O₂.
        [ParameterIds.CarbonDioxidePerDryMatter] = (1.0m, 2.0m),
        [ParameterIds.OxygenPerDryMatter] = (0.8m, 1.5m),
    };

    private static readonly (string Prefix, decimal Min, decimal Max)[] Prefixes =
    [
        // Section 9: C and P factors within [0, 1].
        (ParameterIds.CoverManagementPrefix, 0m, 1m),
        (ParameterIds.SupportPracticePrefix, 0m, 1m),
    ];

    /// <summary>The inclusive bounds of a parameter id; prices and other values default to [0, +∞).</summary>
    /// <param name="id">Parameter id.</param>
    /// <returns>Minimum and maximum (inclusive).</returns>
    public static (decimal Min, decimal Max) BoundsOf(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (Exact.TryGetValue(id, out var bounds))
        {
            return bounds;
        }

        foreach (var (prefix, min, max) in Prefixes)
        {
            if (id.StartsWith(prefix, StringComparison.Ordinal))
            {
                return (min, max);
            }
        }

        return (0m, decimal.MaxValue);
    }

    /// <summary>
    /// Checks one parameter on its own: bounds, source present, price year present for prices, carbon price per
    /// t C or t CO₂.
    /// </summary>
    /// <param name="parameter">The parameter.</param>
    /// <returns>Error-severity issues; empty when the parameter is acceptable.</returns>
    public static IReadOnlyList<ValidationIssue> Check(Parameter parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        var issues = new List<ValidationIssue>();
        var (min, max) = BoundsOf(parameter.Id);
        if (parameter.Value < min || parameter.Value > max)
        {
            issues.Add(ValidationIssue.Error(ValuationCodes.ParameterOutOfRange, parameter.Id, parameter.Value, min, max));
        }

        if (string.IsNullOrWhiteSpace(parameter.Source))
        {
            issues.Add(ValidationIssue.Error(ValuationCodes.ParameterSourceMissing, parameter.Id));
        }

        if (parameter.IsPrice && parameter.PriceYear is null)
        {
            issues.Add(ValidationIssue.Error(ValuationCodes.ParameterPriceYearMissing, parameter.Id));
        }

        if (string.Equals(parameter.Id, ParameterIds.CarbonPrice, StringComparison.Ordinal)
            && parameter.PerUnit is not (Quantities.QuantityUnit.TonneCarbon or Quantities.QuantityUnit.TonneCarbonDioxide))
        {
            issues.Add(ValidationIssue.Error(ValuationCodes.ParameterUnitInvalid, parameter.Id, parameter.PerUnit));
        }

        return issues;
    }
}

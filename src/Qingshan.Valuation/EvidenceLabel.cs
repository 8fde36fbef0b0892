namespace Qingshan.Valuation;

/// <summary>
/// How far a rule or coefficient has been checked, as labelled in ACCOUNTING-METHOD.md section 0.1.
/// Every parameter and every indicator definition carries one, and reports print it beside the value.
/// </summary>
public enum EvidenceLabel
{
    /// <summary>[S]: checked against a stored full source (paper, standard text, user guide), which is cited.</summary>
    Sourced,

    /// <summary>[S-abs]: checked only against an abstract, news item or page opening.</summary>
    SourcedAbstract,

    /// <summary>[K]: domain background knowledge, not re-verified against the official text. Check before freezing.</summary>
    Knowledge,

    /// <summary>[D]: derived by the team: arithmetic on published numbers, or a design proposal.</summary>
    Derived,
}

/// <summary>Short forms of <see cref="EvidenceLabel"/> as printed in the method document.</summary>
public static class EvidenceLabels
{
    /// <summary>The bracketed short form used in the method document, e.g. <c>[S-abs]</c>.</summary>
    /// <param name="label">The label.</param>
    /// <returns><c>[S]</c>, <c>[S-abs]</c>, <c>[K]</c> or <c>[D]</c>.</returns>
    public static string ToShortForm(this EvidenceLabel label) => label switch
    {
        EvidenceLabel.Sourced => "[S]",
        EvidenceLabel.SourcedAbstract => "[S-abs]",
        EvidenceLabel.Knowledge => "[K]",
        EvidenceLabel.Derived => "[D]",
        _ => throw new ArgumentOutOfRangeException(nameof(label), label, "unknown evidence label"),
    };
}

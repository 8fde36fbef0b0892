namespace Qingshan.Valuation;

/// <summary>Whether an issue stops a run (<see cref="Error"/>) or is reported beside its result (<see cref="Warning"/>).</summary>
public enum IssueSeverity
{
    /// <summary>Reported with the result; the run goes ahead.</summary>
    Warning,

    /// <summary>A refusal: the run (or the parameter set) is not usable as it stands.</summary>
    Error,
}

/// <summary>
/// An expected refusal or warning, as a value. <see cref="Code"/> is stable (<c>accounting.subject.reason</c>,
/// listed in <see cref="ValuationCodes"/>) and maps to one zh-CN message at the edge; <see cref="Target"/> names
/// the parameter, plot or indicator concerned; <see cref="Args"/> fill the message's placeholders.
/// </summary>
/// <remarks>
/// Valuation is a pure library and cannot reference <c>Qingshan.Kernel</c>; the host maps an error-severity issue
/// to a Kernel <c>Error(Code, Args)</c> one to one.
/// </remarks>
/// <param name="Code">Stable code from <see cref="ValuationCodes"/>.</param>
/// <param name="Severity">Warning or error.</param>
/// <param name="Target">The parameter id, plot id or indicator id concerned.</param>
/// <param name="Args">Message arguments (numbers are invariant values, not formatted text).</param>
public sealed record ValidationIssue(string Code, IssueSeverity Severity, string Target, params object?[] Args)
{
    /// <summary>An error-severity issue.</summary>
    /// <param name="code">Stable code.</param>
    /// <param name="target">What the issue is about.</param>
    /// <param name="args">Message arguments.</param>
    /// <returns>The issue.</returns>
    public static ValidationIssue Error(string code, string target, params object?[] args) => new(code, IssueSeverity.Error, target, args);

    /// <summary>A warning-severity issue.</summary>
    /// <param name="code">Stable code.</param>
    /// <param name="target">What the issue is about.</param>
    /// <param name="args">Message arguments.</param>
    /// <returns>The issue.</returns>
    public static ValidationIssue Warning(string code, string target, params object?[] args) => new(code, IssueSeverity.Warning, target, args);

    /// <summary>Whether this issue refuses the run.</summary>
    public bool IsError => Severity == IssueSeverity.Error;

    /// <inheritdoc />
    public override string ToString() => $"{Code} @ {Target}";
}

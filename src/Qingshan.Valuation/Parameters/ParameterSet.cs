using System.Collections.Frozen;

namespace Qingshan.Valuation.Parameters;

/// <summary>
/// A versioned, immutable set of parameters for one region (ACCOUNTING-METHOD.md section 4). A county set is
/// derived from a national or provincial one by overriding values; <see cref="Diff"/> shows what changed between
/// versions, and every run stores the version it used.
/// </summary>
public sealed class ParameterSet
{
    private readonly FrozenDictionary<string, Parameter> byId;

    /// <summary>Creates a set.</summary>
    /// <param name="version">Version label, e.g. <c>JX-GF-2024.1</c>; not blank.</param>
    /// <param name="region">Region the set is for (administrative division code or name).</param>
    /// <param name="parameters">The parameters; ids must be unique.</param>
    /// <param name="basedOn">Version of the set this one was derived from, if any.</param>
    /// <exception cref="ArgumentException">Blank version or duplicate parameter id (a caller's mistake).</exception>
    public ParameterSet(string version, string region, IEnumerable<Parameter> parameters, string? basedOn = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        ArgumentNullException.ThrowIfNull(parameters);
        var map = new Dictionary<string, Parameter>(StringComparer.Ordinal);
        foreach (var p in parameters)
        {
            if (!map.TryAdd(p.Id, p))
            {
                throw new ArgumentException($"parameter {p.Id} appears twice in set {version}", nameof(parameters));
            }
        }

        Version = version;
        Region = region ?? "";
        BasedOn = basedOn;
        byId = map.ToFrozenDictionary(StringComparer.Ordinal);
        Parameters = [.. map.Values.OrderBy(p => p.Id, StringComparer.Ordinal)];
    }

    /// <summary>The version label.</summary>
    public string Version { get; }

    /// <summary>The region.</summary>
    public string Region { get; }

    /// <summary>The version this set was derived from, or null for a root set.</summary>
    public string? BasedOn { get; }

    /// <summary>All parameters, ordered by id (ordinal).</summary>
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>The parameter with this id, or null.</summary>
    /// <param name="id">Parameter id.</param>
    /// <returns>The parameter or null.</returns>
    public Parameter? Find(string id) => byId.GetValueOrDefault(id);

    /// <summary>The parameter with this id; the engine calls this only after <see cref="ValidateFor"/> passed.</summary>
    /// <param name="id">Parameter id.</param>
    /// <returns>The parameter.</returns>
    /// <exception cref="KeyNotFoundException">The parameter is absent (a bug: validation reports it as a refusal first).</exception>
    public Parameter Require(string id) =>
        byId.TryGetValue(id, out var p) ? p : throw new KeyNotFoundException($"parameter {id} is not in set {Version}");

    /// <summary>
    /// Derives a new version, typically a county set from a provincial or national one: <paramref name="overrides"/>
    /// replace parameters with the same id or add new ones; <paramref name="removals"/> drop ids. The result records
    /// <see cref="BasedOn"/> = this version.
    /// </summary>
    /// <param name="version">New version label.</param>
    /// <param name="region">Region of the new set.</param>
    /// <param name="overrides">Parameters to replace or add.</param>
    /// <param name="removals">Ids to drop, if any.</param>
    /// <returns>The derived set.</returns>
    public ParameterSet Derive(string version, string region, IEnumerable<Parameter> overrides, IEnumerable<string>? removals = null)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var map = new Dictionary<string, Parameter>(byId, StringComparer.Ordinal);
        foreach (var id in removals ?? [])
        {
            map.Remove(id);
        }

        foreach (var p in overrides)
        {
            map[p.Id] = p;
        }

        return new ParameterSet(version, region, map.Values, Version);
    }

    /// <summary>What changed from <paramref name="older"/> to <paramref name="newer"/>, ordered by id.</summary>
    /// <param name="older">Earlier version.</param>
    /// <param name="newer">Later version.</param>
    /// <returns>Added, removed and changed parameters (a change is any difference in value, unit, year, source, label, region or adjustment).</returns>
    public static IReadOnlyList<ParameterChange> Diff(ParameterSet older, ParameterSet newer)
    {
        ArgumentNullException.ThrowIfNull(older);
        ArgumentNullException.ThrowIfNull(newer);
        var changes = new List<ParameterChange>();
        foreach (var id in older.byId.Keys.Union(newer.byId.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var before = older.Find(id);
            var after = newer.Find(id);
            if (before is null)
            {
                changes.Add(new ParameterChange(id, ParameterChangeKind.Added, null, after));
            }
            else if (after is null)
            {
                changes.Add(new ParameterChange(id, ParameterChangeKind.Removed, before, null));
            }
            else if (before != after)
            {
                changes.Add(new ParameterChange(id, ParameterChangeKind.Changed, before, after));
            }
        }

        return changes;
    }

    /// <summary>Checks every parameter on its own (<see cref="ParameterRules.Check"/>): bounds, sources, price years.</summary>
    /// <returns>Error-severity issues naming each offending parameter; empty when the set is acceptable.</returns>
    public IReadOnlyList<ValidationIssue> Validate() => [.. Parameters.SelectMany(ParameterRules.Check)];

    /// <summary>
    /// Checks the set for one run: <see cref="Validate"/>, plus every required id present, plus every required price
    /// in the prices of <paramref name="accountingYear"/> (ACCOUNTING-METHOD.md section 4: the engine refuses other
    /// price years unless an index adjustment brought the price there, see <see cref="Parameter.AdjustToPriceYear"/>).
    /// </summary>
    /// <param name="requiredIds">Ids the method version needs.</param>
    /// <param name="accountingYear">The accounting year.</param>
    /// <returns>Error-severity issues; empty when the run may go ahead.</returns>
    public IReadOnlyList<ValidationIssue> ValidateFor(IEnumerable<string> requiredIds, int accountingYear)
    {
        ArgumentNullException.ThrowIfNull(requiredIds);
        var issues = new List<ValidationIssue>(Validate());
        foreach (var id in requiredIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var p = Find(id);
            if (p is null)
            {
                issues.Add(ValidationIssue.Error(ValuationCodes.ParameterMissing, id));
            }
            else if (p.IsPrice && p.PriceYear is { } year && year != accountingYear)
            {
                issues.Add(ValidationIssue.Error(ValuationCodes.ParameterPriceYearMismatch, id, year, accountingYear));
            }
        }

        return issues;
    }
}

/// <summary>Kind of difference between two parameter-set versions.</summary>
public enum ParameterChangeKind
{
    /// <summary>Present only in the newer set.</summary>
    Added,

    /// <summary>Present only in the older set.</summary>
    Removed,

    /// <summary>Present in both with any field different.</summary>
    Changed,
}

/// <summary>One line of a parameter-set diff.</summary>
/// <param name="Id">Parameter id.</param>
/// <param name="Kind">Added, removed or changed.</param>
/// <param name="Before">The older parameter (null when added).</param>
/// <param name="After">The newer parameter (null when removed).</param>
public sealed record ParameterChange(string Id, ParameterChangeKind Kind, Parameter? Before, Parameter? After);

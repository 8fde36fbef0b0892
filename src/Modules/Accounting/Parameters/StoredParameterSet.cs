using Qingshan.Kernel;
using Qingshan.Valuation.Parameters;

namespace Qingshan.Accounting.Parameters;

public enum ParameterSetStatus
{
    /// <summary>草稿: may still change.</summary>
    Draft,

    /// <summary>已批准: usable by runs; its content never changes again.</summary>
    Approved,
}

/// <summary>
/// A versioned parameter set as stored. Content is the <see cref="ParameterSetJson"/> form of its parameters and a
/// SHA-256 of their canonical form. Once a run has used it (<see cref="IsUsed"/>) or it is approved, it is immutable;
/// a change is a new derived version.
/// </summary>
internal sealed class StoredParameterSet
{
    private StoredParameterSet()
    {
    }

    public Guid Id { get; private set; }

    public string Version { get; private set; } = "";

    /// <summary>GB/T 2260 code of the region it is for; empty for a national set.</summary>
    public string RegionCode { get; private set; } = "";

    public Guid? BasedOnId { get; private set; }

    public string? BasedOnVersion { get; private set; }

    public string ParametersJson { get; private set; } = "[]";

    public string ContentHash { get; private set; } = "";

    public int ParameterCount { get; private set; }

    public ParameterSetStatus Status { get; private set; }

    public bool IsUsed { get; private set; }

    public string CreatedById { get; private set; } = "";

    public string CreatedBy { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public string? ApprovedById { get; private set; }

    public string? ApprovedBy { get; private set; }

    public DateTimeOffset? ApprovedAt { get; private set; }

    public static StoredParameterSet Create(ParameterSet set, string regionCode, Guid? basedOnId, Actor author, DateTimeOffset at)
    {
        var stored = new StoredParameterSet
        {
            Id = Guid.CreateVersion7(),
            Version = set.Version,
            RegionCode = regionCode,
            BasedOnId = basedOnId,
            BasedOnVersion = set.BasedOn,
            CreatedById = author.UserId,
            CreatedBy = author.UserName,
            CreatedAt = at,
        };
        stored.SetContent(set.Parameters);
        return stored;
    }

    public bool IsImmutable => IsUsed || Status == ParameterSetStatus.Approved;

    public Result Replace(IEnumerable<Parameter> parameters)
    {
        if (IsUsed)
        {
            return AccountingErrors.ParameterSetInUse(Version);
        }

        if (Status == ParameterSetStatus.Approved)
        {
            return AccountingErrors.ParameterSetAlreadyApproved(Version);
        }

        SetContent(parameters);
        return Result.Success();
    }

    public Result Approve(Actor approver, DateTimeOffset at)
    {
        if (Status == ParameterSetStatus.Approved)
        {
            return AccountingErrors.ParameterSetAlreadyApproved(Version);
        }

        if (string.Equals(approver.UserId, CreatedById, StringComparison.Ordinal))
        {
            return AccountingErrors.ParameterSetApproverIsAuthor();
        }

        Status = ParameterSetStatus.Approved;
        ApprovedById = approver.UserId;
        ApprovedBy = approver.UserName;
        ApprovedAt = at;
        return Result.Success();
    }

    public void MarkUsed() => IsUsed = true;

    public ParameterSet ToParameterSet() =>
        new(Version, RegionCode, ParameterSetJson.ReadParameters(ParametersJson).Value, BasedOnVersion);

    /// <summary>National sets are visible to everyone; a regional set to accounts inside it and to the regions below it.</summary>
    public bool IsVisibleTo(Actor actor) =>
        RegionCode.Length == 0 || actor.Scope.Includes(RegionCode) || (actor.RegionCode is { } r && r.StartsWith(RegionPrefix, StringComparison.Ordinal));

    private string RegionPrefix => Kernel.NationalCodes.AdminDivisionCode.TryParse(RegionCode, out var code) ? code.Prefix : RegionCode;

    private void SetContent(IEnumerable<Parameter> parameters)
    {
        var set = new ParameterSet(Version, RegionCode, parameters, BasedOnVersion);
        ParametersJson = ParameterSetJson.WriteParameters(set.Parameters);
        ContentHash = Inputs.CanonicalForm.Hash(Inputs.CanonicalForm.OfParameters(set));
        ParameterCount = set.Parameters.Count;
    }
}

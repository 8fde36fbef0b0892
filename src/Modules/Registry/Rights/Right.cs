namespace Qingshan.Registry.Rights;

/// <summary>所有权 / 使用权 / 经营权.</summary>
public enum RightKind
{
    Ownership = 0,
    Use = 1,
    Operating = 2,
}

/// <summary>A confirmed right (确权) of a holder over a plot, with its term and certificate.</summary>
internal sealed class Right
{
    private Right()
    {
    }

    public Right(Guid plotId, string regionCode, Guid holderId, RightKind kind, DateOnly termStart, DateOnly? termEnd, string certificateNumber, DateTimeOffset at, string confirmedBy)
    {
        Id = Guid.CreateVersion7();
        PlotId = plotId;
        RegionCode = regionCode;
        HolderId = holderId;
        Kind = kind;
        TermStart = termStart;
        TermEnd = termEnd;
        CertificateNumber = certificateNumber;
        ConfirmedAt = at;
        ConfirmedBy = confirmedBy;
    }

    public Guid Id { get; private set; }

    public Guid PlotId { get; private set; }

    /// <summary>Copied from the plot so data scope filters need no join.</summary>
    public string RegionCode { get; private set; } = "";

    public Guid HolderId { get; private set; }

    public RightKind Kind { get; private set; }

    public DateOnly TermStart { get; private set; }

    /// <summary>Last day of the term, inclusive; null for ownership, which has no term.</summary>
    public DateOnly? TermEnd { get; private set; }

    public string CertificateNumber { get; private set; } = "";

    public DateTimeOffset ConfirmedAt { get; private set; }

    public string ConfirmedBy { get; private set; } = "";

    public bool IsInForce(DateOnly on) => TermStart <= on && (TermEnd is null || on <= TermEnd);
}

/// <summary>A dispute (权属争议) over a plot. Open disputes make the plot untradable; history is kept.</summary>
internal sealed class Dispute
{
    private Dispute()
    {
    }

    public Dispute(Guid plotId, string regionCode, string description, string raisedBy, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7();
        PlotId = plotId;
        RegionCode = regionCode;
        Description = description;
        RaisedBy = raisedBy;
        RaisedAt = at;
    }

    public Guid Id { get; private set; }

    public Guid PlotId { get; private set; }

    /// <summary>Copied from the plot so data scope filters need no join.</summary>
    public string RegionCode { get; private set; } = "";

    public string Description { get; private set; } = "";

    public string RaisedBy { get; private set; } = "";

    public DateTimeOffset RaisedAt { get; private set; }

    public DateTimeOffset? ResolvedAt { get; private set; }

    public string? Resolution { get; private set; }

    public string? ResolvedBy { get; private set; }

    public bool IsOpen => ResolvedAt is null;

    public Kernel.Result Resolve(string resolution, string by, DateTimeOffset at)
    {
        if (!IsOpen)
        {
            return RegistryErrors.DisputeAlreadyResolved();
        }

        Resolution = resolution;
        ResolvedBy = by;
        ResolvedAt = at;
        return Kernel.Result.Success();
    }
}

/// <summary>A pledge (抵质押) of a plot's right or proceeds to a bank. A blocking pledge stops trading until released.</summary>
internal sealed class Pledge
{
    private Pledge()
    {
    }

    public Pledge(Guid plotId, string regionCode, string pledgee, long amountFen, bool blocksTrading, DateOnly start, DateOnly end, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7();
        PlotId = plotId;
        RegionCode = regionCode;
        Pledgee = pledgee;
        AmountFen = amountFen;
        BlocksTrading = blocksTrading;
        Start = start;
        End = end;
        RecordedAt = at;
    }

    public Guid Id { get; private set; }

    public Guid PlotId { get; private set; }

    /// <summary>Copied from the plot so data scope filters need no join.</summary>
    public string RegionCode { get; private set; } = "";

    public string Pledgee { get; private set; } = "";

    public long AmountFen { get; private set; }

    public bool BlocksTrading { get; private set; }

    public DateOnly Start { get; private set; }

    public DateOnly End { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    public DateTimeOffset? ReleasedAt { get; private set; }

    public bool IsActive => ReleasedAt is null;

    public Kernel.Result Release(DateTimeOffset at)
    {
        if (!IsActive)
        {
            return RegistryErrors.PledgeAlreadyReleased();
        }

        ReleasedAt = at;
        return Kernel.Result.Success();
    }
}

using Qingshan.Kernel;

namespace Qingshan.Trading.Deals;

/// <summary>意向受让方: a registered bidder of one deal, reviewed for qualification and holding a deposit.</summary>
internal sealed class Bidder
{
    private Bidder()
    {
    }

    public Bidder(Guid dealId, Guid holderId, string name, bool isPriorityHolder, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7();
        DealId = dealId;
        HolderId = holderId;
        Name = name;
        IsPriorityHolder = isPriorityHolder;
        RegisteredAt = at;
    }

    public Guid Id { get; private set; }

    public Guid DealId { get; private set; }

    /// <summary>The registry's rights holder (经营主体) behind this registration.</summary>
    public Guid HolderId { get; private set; }

    public string Name { get; private set; } = "";

    /// <summary>培育投资主体: verified against the registry when registering; may match the best bid.</summary>
    public bool IsPriorityHolder { get; private set; }

    public DateTimeOffset RegisteredAt { get; private set; }

    public Qualification Qualification { get; private set; }

    public string? ReviewNote { get; private set; }

    public DepositStatus DepositStatus { get; private set; }

    public Money DepositAmount { get; private set; }

    /// <summary>The account the deposit came from: refunds go back the same way (原路退还).</summary>
    public string? DepositAccount { get; private set; }

    public DateTimeOffset? DepositPaidAt { get; private set; }

    public bool MayBid => Qualification == Qualification.Qualified && DepositStatus == DepositStatus.Held;

    public Result Review(bool qualified, string? note)
    {
        if (Qualification != Qualification.Pending)
        {
            return TradingErrors.BidderAlreadyReviewed();
        }

        Qualification = qualified ? Qualification.Qualified : Qualification.Rejected;
        ReviewNote = note;
        return Result.Success();
    }

    public Result PayDeposit(Money amount, Money required, string account, DateTimeOffset at)
    {
        if (DepositStatus == DepositStatus.Held)
        {
            return TradingErrors.DepositAlreadyPaid();
        }

        if (amount != required)
        {
            return TradingErrors.DepositAmountWrong(required.ToString());
        }

        if (string.IsNullOrWhiteSpace(account))
        {
            return TradingErrors.DepositAccountRequired();
        }

        DepositStatus = DepositStatus.Held;
        DepositAmount = amount;
        DepositAccount = account.Trim();
        DepositPaidAt = at;
        return Result.Success();
    }

    internal void MarkRefunded() => DepositStatus = DepositStatus.Refunded;

    /// <summary>A resumed deal trades again: the refunded deposit must be paid again.</summary>
    internal void ResetDeposit()
    {
        if (DepositStatus == DepositStatus.Refunded)
        {
            DepositStatus = DepositStatus.None;
        }
    }

    internal void MarkAppliedToPrice() => DepositStatus = DepositStatus.AppliedToPrice;
}

/// <summary>A bid as received: accepted or refused with a reason, never lost. Replays by client request id return it.</summary>
internal sealed class Bid
{
    private Bid()
    {
    }

    public Bid(Guid dealId, Guid bidderId, string clientRequestId, Money amount, DateTimeOffset at, int round, Error? refusal, long sequence)
    {
        Id = Guid.CreateVersion7();
        DealId = dealId;
        BidderId = bidderId;
        ClientRequestId = clientRequestId;
        Amount = amount;
        At = at;
        Round = round;
        RefusalCode = refusal?.Code;
        RefusalArgs = refusal is null ? null : string.Join(ArgSeparator, refusal.Args.Select(a => Convert.ToString(a, System.Globalization.CultureInfo.InvariantCulture)));
        Sequence = sequence;
    }

    /// <summary>A bid as stored, read back by plain SQL (the bid lane's replay look-up, in the command that takes the deal lock).</summary>
    public static Bid Stored(Guid id, Guid dealId, Guid bidderId, string clientRequestId, Money amount, DateTimeOffset at, int round, string? refusalCode, string? refusalArgs, long sequence) =>
        new()
        {
            Id = id, DealId = dealId, BidderId = bidderId, ClientRequestId = clientRequestId, Amount = amount, At = at, Round = round,
            RefusalCode = refusalCode, RefusalArgs = refusalArgs, Sequence = sequence,
        };

    public Guid Id { get; private set; }

    public Guid DealId { get; private set; }

    public Guid BidderId { get; private set; }

    public string ClientRequestId { get; private set; } = "";

    public Money Amount { get; private set; }

    /// <summary>Server time of receipt.</summary>
    public DateTimeOffset At { get; private set; }

    /// <summary>Trading round: a resumed deal trades again and earlier rounds' bids no longer count.</summary>
    public int Round { get; private set; }

    public bool Accepted => RefusalCode is null;

    public string? RefusalCode { get; private set; }

    /// <summary>The refusal's message arguments, so a replay returns the same answer.</summary>
    public string? RefusalArgs { get; private set; }

    public Error? Refusal => RefusalCode is null ? null : new Error(RefusalCode, string.IsNullOrEmpty(RefusalArgs) ? [] : RefusalArgs.Split(ArgSeparator));

    private const char ArgSeparator = '\u001f';

    /// <summary>Order of receipt within the deal (1, 2, ...), assigned under the deal lock.</summary>
    public long Sequence { get; private set; }
}

/// <summary>异议 raised during result publicity.</summary>
internal sealed class Objection
{
    private Objection()
    {
    }

    public Objection(Guid dealId, string raisedBy, string text, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7();
        DealId = dealId;
        RaisedBy = raisedBy;
        Text = text;
        RaisedAt = at;
    }

    public Guid Id { get; private set; }

    public Guid DealId { get; private set; }

    public string RaisedBy { get; private set; } = "";

    public string Text { get; private set; } = "";

    public DateTimeOffset RaisedAt { get; private set; }

    public bool? Upheld { get; private set; }

    public string? Resolution { get; private set; }

    public DateTimeOffset? ResolvedAt { get; private set; }

    public bool IsOpen => ResolvedAt is null;

    public Result Resolve(bool upheld, string resolution, DateTimeOffset at)
    {
        if (!IsOpen)
        {
            return TradingErrors.ObjectionAlreadyResolved();
        }

        Upheld = upheld;
        Resolution = resolution;
        ResolvedAt = at;
        return Result.Success();
    }
}

/// <summary>One line of a deal's history: every transition and action, who, when and why.</summary>
internal sealed class DealHistoryEntry
{
    private DealHistoryEntry()
    {
    }

    public DealHistoryEntry(Guid dealId, DateTimeOffset at, string action, DealStatus from, DealStatus to, Actor actor, string? note)
    {
        DealId = dealId;
        At = at;
        Action = action;
        From = from;
        To = to;
        ActorId = actor.UserId;
        ActorName = actor.UserName;
        Note = note;
    }

    public long Id { get; private set; }

    public Guid DealId { get; private set; }

    public DateTimeOffset At { get; private set; }

    public string Action { get; private set; } = "";

    public DealStatus From { get; private set; }

    public DealStatus To { get; private set; }

    public string ActorId { get; private set; } = "";

    public string ActorName { get; private set; } = "";

    public string? Note { get; private set; }
}

namespace Qingshan.Ledger.Journal;

/// <summary>
/// One balanced journal entry: its postings add up to zero fen. <see cref="BusinessKey"/> is unique, so posting the same
/// business fact twice (a retried settlement, a replayed bank callback) has exactly one effect.
/// </summary>
internal sealed class JournalEntry
{
    private JournalEntry()
    {
    }

    public JournalEntry(string businessKey, string description, string regionCode, Guid? dealId, DateTimeOffset postedAt, string postedBy, IEnumerable<Posting> postings)
    {
        BusinessKey = businessKey;
        Description = description;
        RegionCode = regionCode;
        DealId = dealId;
        PostedAt = postedAt;
        PostedBy = postedBy;
        Postings = postings.ToList();
    }

    public long Id { get; private set; }

    public string BusinessKey { get; private set; } = "";

    public string Description { get; private set; } = "";

    public string RegionCode { get; private set; } = "";

    public Guid? DealId { get; private set; }

    public DateTimeOffset PostedAt { get; private set; }

    public string PostedBy { get; private set; } = "";

    public List<Posting> Postings { get; private set; } = [];
}

/// <summary>A debit (positive) or credit (negative) of whole fen to one account.</summary>
internal sealed class Posting
{
    private Posting()
    {
    }

    public Posting(string accountCode, long amountFen)
    {
        AccountCode = accountCode;
        AmountFen = amountFen;
    }

    /// <summary>A posting of a stored entry (written in bulk, after the entry's id is known).</summary>
    public Posting(long entryId, string accountCode, long amountFen)
        : this(accountCode, amountFen)
    {
        EntryId = entryId;
    }

    public long Id { get; private set; }

    public long EntryId { get; private set; }

    public string AccountCode { get; private set; } = "";

    public long AmountFen { get; private set; }
}

namespace Qingshan.Registry.Holders;

/// <summary>Kinds of rights holder (权利人).</summary>
public enum HolderKind
{
    /// <summary>集体经济组织 (village collective)</summary>
    Collective = 0,

    /// <summary>国有 (state)</summary>
    State = 1,

    /// <summary>企业 (enterprise)</summary>
    Enterprise = 2,

    /// <summary>个人 (individual)</summary>
    Individual = 3,
}

internal sealed class RightsHolder
{
    private RightsHolder()
    {
    }

    public RightsHolder(HolderKind kind, string name, string regionCode, string? creditCode, string? idNumber, string? phone, string? contactName, bool isCultivatingInvestor, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7();
        Kind = kind;
        Name = name;
        RegionCode = regionCode;
        CreditCode = creditCode;
        IdNumber = idNumber;
        Phone = phone;
        ContactName = contactName;
        IsCultivatingInvestor = isCultivatingInvestor;
        CreatedAt = at;
    }

    public Guid Id { get; private set; }

    public HolderKind Kind { get; private set; }

    public string Name { get; private set; } = "";

    public string RegionCode { get; private set; } = "";

    /// <summary>统一社会信用代码, for organisations (checked by GB 32100).</summary>
    public string? CreditCode { get; private set; }

    /// <summary>居民身份证号码, for individuals (checked by GB 11643). Personal data: masked unless the role may see it.</summary>
    public string? IdNumber { get; private set; }

    public string? Phone { get; private set; }

    public string? ContactName { get; private set; }

    /// <summary>培育投资主体: paid for the works and holds the priority right in trading.</summary>
    public bool IsCultivatingInvestor { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The identifier that makes this holder unique: credit code for organisations, ID number for people.</summary>
    public string IdentityKey => CreditCode ?? IdNumber ?? Id.ToString();
}

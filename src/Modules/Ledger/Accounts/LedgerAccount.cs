namespace Qingshan.Ledger.Accounts;

/// <summary>
/// What an account holds. Deal accounts follow the money of one trade; county accounts hold the funds that flow back
/// to the land. <see cref="BankClearing"/> is the world outside the platform (the bank): every fen that enters or
/// leaves passes through it, so the sum of all balances is always zero.
/// </summary>
public enum AccountKind
{
    /// <summary>银行清算（外部）: money in transit from and to bank accounts.</summary>
    BankClearing = 0,

    /// <summary>保证金（代管）: bidders' deposits held.</summary>
    DepositsHeld = 1,

    /// <summary>应收成交价款.</summary>
    Receivable = 2,

    /// <summary>成交价款（已收）.</summary>
    Proceeds = 3,

    /// <summary>交易成本（核算、评估、平台服务费）.</summary>
    TransactionCosts = 4,

    /// <summary>出让方收益.</summary>
    TransferorShare = 5,

    /// <summary>村集体收益.</summary>
    CollectiveShare = 6,

    /// <summary>农户收益.</summary>
    HouseholdShare = 7,

    /// <summary>水土流失治理资金（反哺）.</summary>
    ErosionControlFund = 8,

    /// <summary>管护资金（反哺）.</summary>
    MaintenanceFund = 9,

    /// <summary>已退回（原路退回）.</summary>
    Refunds = 10,

    /// <summary>已支付（付给分配对象，含反哺资金支出）.</summary>
    PaidOut = 11,

    /// <summary>未收价款（应收成交价款的对方科目）: with <see cref="Receivable"/> a memo pair that always adds up to zero.</summary>
    UncollectedPrice = 12,
}

/// <summary>A ledger account, identified by a readable code such as <c>deal:0190…:deposits_held</c> or <c>county:211322:erosion_control_fund</c>.</summary>
internal sealed class LedgerAccount
{
    private LedgerAccount()
    {
    }

    public LedgerAccount(string code, AccountKind kind, string regionCode, Guid? dealId, string name)
    {
        Code = code;
        Kind = kind;
        RegionCode = regionCode;
        DealId = dealId;
        Name = name;
    }

    /// <summary>An account as stored (read by plain SQL on the group commit's hot path).</summary>
    public static LedgerAccount Stored(string code, AccountKind kind, string regionCode, Guid? dealId, string name, bool isFrozen, long balanceFen) =>
        new(code, kind, regionCode, dealId, name) { IsFrozen = isFrozen, BalanceFen = balanceFen };

    public string Code { get; private set; } = "";

    public AccountKind Kind { get; private set; }

    public string RegionCode { get; private set; } = "";

    public Guid? DealId { get; private set; }

    public string Name { get; private set; } = "";

    /// <summary>账务封存: no posting may touch a frozen account (suspension/cancellation of a deal).</summary>
    public bool IsFrozen { get; private set; }

    /// <summary>Running balance in fen (debits positive). Kept with each posting in the same transaction.</summary>
    public long BalanceFen { get; private set; }

    public void Freeze() => IsFrozen = true;

    /// <summary>解封: a suspended deal that resumes trades on in the same accounts.</summary>
    public void Unfreeze() => IsFrozen = false;

    public void Apply(long amountFen) => BalanceFen = checked(BalanceFen + amountFen);
}

/// <summary>Account codes: one place for the naming rule.</summary>
public static class AccountCodes
{
    public static string ForDeal(Guid dealId, AccountKind kind) => $"deal:{dealId:N}:{Snake(kind)}";

    public static string ForCounty(string regionCode, AccountKind kind) => $"county:{regionCode}:{Snake(kind)}";

    public static string Bank(string regionCode) => ForCounty(regionCode, AccountKind.BankClearing);

    private static string Snake(AccountKind kind) => Qingshan.Data.DatabaseSetup.ToSnakeCase(kind.ToString());
}

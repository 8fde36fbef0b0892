using Qingshan.Kernel;

namespace Qingshan.Ledger;

/// <summary>Every refusal the ledger gives.</summary>
public static class LedgerErrors
{
    public static Error EntryUnbalanced(long debits, long credits) => new("ledger.entry.unbalanced", debits, credits);
    public static Error EntryEmpty() => new("ledger.entry.empty");
    public static Error EntryAmountInvalid() => new("ledger.entry.amount_invalid");
    public static Error BusinessKeyReused(string key) => new("ledger.entry.business_key_reused", key);
    public static Error AccountFrozen(string account) => new("ledger.account.frozen", account);
    public static Error AccountNotFound(string account) => new("ledger.account.not_found", account);
    public static Error AccountOutOfScope(string account) => new("ledger.account.out_of_scope", account);
    public static Error PlanSharesInvalid(int basisPoints) => new("ledger.distribution.shares_invalid", basisPoints);
    public static Error NothingToDistribute() => new("ledger.distribution.nothing_to_distribute");
    public static Error InsufficientBalance(string account, long balance, long wanted) => new("ledger.account.insufficient_balance", account, balance, wanted);
}

using Qingshan.Kernel;
using Qingshan.Trading.Data;

namespace Qingshan.Trading.Deposits;

public enum BankInstructionKind
{
    /// <summary>保证金入账: the deposit arrived from the bidder's account.</summary>
    Collect = 0,

    /// <summary>原路退还: the deposit goes back to the account it came from.</summary>
    Refund = 1,

    /// <summary>保证金转价款: the winner's deposit becomes part of the price.</summary>
    ApplyToPrice = 2,

    /// <summary>合同价款到账.</summary>
    CollectPayment = 3,

    /// <summary>合同价款原路退还（中止、终止）.</summary>
    RefundPayment = 4,
}

/// <summary>One instruction to (or confirmation from) the settlement bank about a deposit.</summary>
public sealed record BankInstruction(Guid DealId, Guid BidderId, BankInstructionKind Kind, Money Amount, string Account, string Reason);

/// <summary>
/// The settlement bank (结算银行). Instructions are enlisted in the caller's unit of work, so a refund is never
/// recorded without the state change that caused it. A real bank adapter would send them from an outbox.
/// </summary>
public interface IBankGateway
{
    /// <summary>Queues an instruction; returns the bank reference.</summary>
    string Submit(BankInstruction instruction);
}

/// <summary>A recorded bank instruction (the simulated bank's ledger).</summary>
internal sealed class BankInstructionRecord
{
    private BankInstructionRecord()
    {
    }

    public BankInstructionRecord(BankInstruction i, string reference, DateTimeOffset at)
    {
        DealId = i.DealId;
        BidderId = i.BidderId;
        Kind = i.Kind;
        Amount = i.Amount;
        Account = i.Account;
        Reason = i.Reason;
        Reference = reference;
        At = at;
    }

    public long Id { get; private set; }

    public Guid DealId { get; private set; }

    public Guid BidderId { get; private set; }

    public BankInstructionKind Kind { get; private set; }

    public Money Amount { get; private set; }

    public string Account { get; private set; } = "";

    public string Reason { get; private set; } = "";

    public string Reference { get; private set; } = "";

    public DateTimeOffset At { get; private set; }
}

/// <summary>The only bank there is until a bank's interface is agreed: records instructions in a table.</summary>
public sealed class SimulatedBank(TradingDb db, TimeProvider clock) : IBankGateway
{
    public string Submit(BankInstruction instruction)
    {
        // The whole v7 GUID: its first 16 hex digits are the millisecond plus only 12 random bits, which collided when
        // fifty deposits were recorded in the same millisecond.
        var reference = "SIM-" + Guid.CreateVersion7().ToString("N").ToUpperInvariant();
        db.BankInstructions.Add(new BankInstructionRecord(instruction, reference, clock.GetUtcNow()));
        return reference;
    }
}

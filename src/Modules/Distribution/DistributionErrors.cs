using Qingshan.Kernel;

namespace Qingshan.Distribution;

/// <summary>Every refusal the distribution module gives.</summary>
public static class DistributionErrors
{
    public static Error PolicyMissing(string region) => new("distribution.policy.missing", region);
    public static Error TermsMissing(string deal) => new("distribution.settlement.terms_missing", deal);
    public static Error ProceedsMismatch(long proceeds, long price) => new("distribution.settlement.proceeds_mismatch", proceeds, price);
    public static Error PayloadInvalid(long outboxId) => new("distribution.event.payload_invalid", outboxId);
}

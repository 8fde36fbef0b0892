using Microsoft.EntityFrameworkCore;
using Qingshan.Kernel;
using Qingshan.Kernel.NationalCodes;
using Qingshan.Registry.Data;

namespace Qingshan.Registry.Holders;

/// <summary>Register a rights holder. Organisations need a valid unified social credit code, individuals a valid resident ID number.</summary>
public sealed record RegisterRightsHolder(HolderKind Kind, string Name, string RegionCode, string? CreditCode, string? IdNumber, string? Phone = null, string? ContactName = null, bool IsCultivatingInvestor = false);

public sealed class RegisterRightsHolderHandler(RegistryDb db, TimeProvider clock)
{
    public async Task<Result<Guid>> HandleAsync(RegisterRightsHolder request, CancellationToken ct = default)
    {
        var checkedHolder = HolderRules.Check(request);
        if (checkedHolder.IsFailure)
        {
            return checkedHolder.Error!;
        }

        var h = checkedHolder.Value;
        if (!db.Actor.Scope.Includes(h.RegionCode))
        {
            return RegistryErrors.RegionOutOfScope(h.RegionCode);
        }

        if (await HolderRules.ExistsAsync(db, h.CreditCode, h.IdNumber, ct))
        {
            return RegistryErrors.HolderDuplicate(ResidentIdNumber.Mask(h.CreditCode ?? h.IdNumber));
        }

        var at = clock.GetUtcNow();
        var holder = new RightsHolder(h.Kind, h.Name, h.RegionCode, h.CreditCode, h.IdNumber, h.Phone, h.ContactName, h.IsCultivatingInvestor, at);
        db.Holders.Add(holder);
        db.Record(at, RegistryEvents.HolderRegistered, holder.Id.ToString(), holder.RegionCode, new { holder.Kind, holder.Name, holder.CreditCode, IdNumber = ResidentIdNumber.Mask(holder.IdNumber) });
        await db.SaveChangesAsync(ct);
        return holder.Id;
    }
}

internal static class HolderRules
{
    /// <summary>Shape and checksum rules, returning the request with normalised identifiers.</summary>
    public static Result<RegisterRightsHolder> Check(RegisterRightsHolder r)
    {
        if (string.IsNullOrWhiteSpace(r.Name))
        {
            return RegistryErrors.HolderNameRequired();
        }

        string? credit = null;
        string? id = null;
        if (r.Kind == HolderKind.Individual)
        {
            if (string.IsNullOrWhiteSpace(r.IdNumber))
            {
                return RegistryErrors.IdNumberRequired();
            }

            if (!ResidentIdNumber.TryParse(r.IdNumber, out var parsed))
            {
                return RegistryErrors.IdNumberInvalid();
            }

            id = parsed.Value;
        }
        else
        {
            if (string.IsNullOrWhiteSpace(r.CreditCode))
            {
                return RegistryErrors.CreditCodeRequired();
            }

            if (!UnifiedSocialCreditCode.TryParse(r.CreditCode, out var parsed))
            {
                return RegistryErrors.CreditCodeInvalid(r.CreditCode.Trim());
            }

            credit = parsed.Value;
        }

        if (!AdminDivisionCode.TryParse(r.RegionCode, out _))
        {
            return RegistryErrors.RegionCodeInvalid(r.RegionCode);
        }

        return r with { Name = r.Name.Trim(), CreditCode = credit, IdNumber = id, Phone = r.Phone?.Trim(), ContactName = r.ContactName?.Trim() };
    }

    public static Task<bool> ExistsAsync(RegistryDb db, string? creditCode, string? idNumber, CancellationToken ct) =>
        db.Holders.IgnoreQueryFilters().AnyAsync(x => (creditCode != null && x.CreditCode == creditCode) || (idNumber != null && x.IdNumber == idNumber), ct);
}

using Microsoft.EntityFrameworkCore;
using Qingshan.Kernel;
using Qingshan.Kernel.NationalCodes;
using Qingshan.Registry.Data;
using Qingshan.Registry.Holders;

namespace Qingshan.Registry.Imports;

/// <summary>
/// Import rights holders from the 权利人 template (.xlsx). Every row gets the checks of single registration
/// (GB 32100 credit code or GB 11643 ID number, region code, data scope, no duplicate); all or nothing.
/// </summary>
public sealed record ImportHolders(string FileName, Stream Content);

public sealed class ImportHoldersHandler(RegistryDb db, TimeProvider clock)
{
    internal const string Kind = "类型";
    internal const string Name = "名称";
    internal const string CreditCode = "统一社会信用代码";
    internal const string IdNumber = "居民身份证号码";
    internal const string Region = "行政区划代码";
    internal const string Phone = "联系电话";
    internal const string Contact = "联系人";
    internal const string Investor = "培育投资主体";

    /// <summary>The template's columns in order; the first five must be present (they may be blank where not needed).</summary>
    public static readonly IReadOnlyList<string> Headers = [Kind, Name, CreditCode, IdNumber, Region, Phone, Contact, Investor];

    internal static readonly IReadOnlyList<string> Required = [Kind, Name, CreditCode, IdNumber, Region];

    public async Task<ImportResult> HandleAsync(ImportHolders request, CancellationToken ct = default)
    {
        var bytes = await ImportFiles.ReadAsync(request.Content, ct);
        if (bytes.IsFailure)
        {
            return ImportResult.Failed(bytes.Error!);
        }

        var sheet = ExcelSheet.Read(request.FileName, bytes.Value, Required);
        if (sheet.IsFailure)
        {
            return ImportResult.Failed(sheet.Error!);
        }

        var problems = new List<ImportProblem>();
        var accepted = new List<(int Row, RegisterRightsHolder Holder)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in sheet.Value)
        {
            var before = problems.Count;
            var kindKnown = RegistryLabels.TryParse(row.Text(Kind), out HolderKind kind);
            if (!kindKnown)
            {
                problems.Add(ImportText.Problem(row.Row, Kind, row.Text(Kind) is { } k ? RegistryErrors.ImportValueInvalid(k) : RegistryErrors.ImportFieldMissing(Kind)));
            }

            if (!ExcelSheet.TryYesNo(row.Text(Investor), out var investor))
            {
                problems.Add(ImportText.Problem(row.Row, Investor, RegistryErrors.ImportValueInvalid(row.Text(Investor)!)));
            }

            var region = row.Text(Region) ?? "";
            if (!kindKnown)
            {
                // Without a kind it is unknown which identifier applies; the region can still be checked.
                if (!AdminDivisionCode.TryParse(region, out _))
                {
                    problems.Add(ImportText.Problem(row.Row, Region, RegistryErrors.RegionCodeInvalid(region)));
                }

                continue;
            }

            var individual = kind == HolderKind.Individual;
            var checkedHolder = HolderRules.Check(new RegisterRightsHolder(
                kind, row.Text(Name) ?? "", region, individual ? null : row.Text(CreditCode), individual ? row.Text(IdNumber) : null, row.Text(Phone), row.Text(Contact), investor));
            if (checkedHolder.IsFailure)
            {
                var error = checkedHolder.Error!;
                problems.Add(ImportText.Problem(row.Row, FieldOf(error), error));
                if (FieldOf(error) != Region && !AdminDivisionCode.TryParse(region, out _))
                {
                    problems.Add(ImportText.Problem(row.Row, Region, RegistryErrors.RegionCodeInvalid(region)));
                }
            }
            else if (!db.Actor.Scope.Includes(checkedHolder.Value.RegionCode))
            {
                problems.Add(ImportText.Problem(row.Row, Region, RegistryErrors.RegionOutOfScope(region)));
            }
            else
            {
                // Column widths of registry_rights_holders.
                foreach (var (field, value, max) in new[] { (Name, checkedHolder.Value.Name, 128), (Phone, checkedHolder.Value.Phone, 32), (Contact, checkedHolder.Value.ContactName, 64) })
                {
                    if (value is { } v && v.Length > max)
                    {
                        problems.Add(ImportText.Problem(row.Row, field, RegistryErrors.ImportValueInvalid(v[..Math.Min(v.Length, 20)] + "…")));
                    }
                }
            }

            if (problems.Count > before)
            {
                continue;
            }

            var holder = checkedHolder.Value;
            var key = holder.CreditCode ?? holder.IdNumber!;
            if (!seen.Add(key))
            {
                problems.Add(ImportText.Problem(row.Row, individual ? IdNumber : CreditCode, RegistryErrors.ImportDuplicateInFile(ResidentIdNumber.Mask(key))));
                continue;
            }

            accepted.Add((row.Row, holder));
        }

        // One query for the lot: which identifiers are registered anywhere (uniqueness is national, not per scope).
        var credits = accepted.Select(a => a.Holder.CreditCode).OfType<string>().ToList();
        var ids = accepted.Select(a => a.Holder.IdNumber).OfType<string>().ToList();
        var existing = (await db.Holders.IgnoreQueryFilters()
            .Where(h => (h.CreditCode != null && credits.Contains(h.CreditCode)) || (h.IdNumber != null && ids.Contains(h.IdNumber)))
            .Select(h => h.CreditCode ?? h.IdNumber).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        foreach (var (row, holder) in accepted)
        {
            var key = holder.CreditCode ?? holder.IdNumber!;
            if (existing.Contains(key))
            {
                problems.Add(ImportText.Problem(row, holder.Kind == HolderKind.Individual ? IdNumber : CreditCode, RegistryErrors.HolderDuplicate(ResidentIdNumber.Mask(key))));
            }
        }

        if (problems.Count > 0)
        {
            return ImportResult.Failed(problems.OrderBy(p => p.Row).ToList());
        }

        var at = clock.GetUtcNow();
        var holders = accepted.Select(a => a.Holder).Select(h => new RightsHolder(h.Kind, h.Name, h.RegionCode, h.CreditCode, h.IdNumber, h.Phone, h.ContactName, h.IsCultivatingInvestor, at)).ToList();
        db.Holders.AddRange(holders);
        var regions = holders.Select(h => h.RegionCode).Distinct(StringComparer.Ordinal).ToList();
        db.Record(at, RegistryEvents.HoldersImported, Guid.CreateVersion7().ToString(), regions.Count == 1 ? regions[0] : db.Actor.RegionCode, new
        {
            File = Path.GetFileName(request.FileName),
            Count = holders.Count,
            Holders = holders.Select(h => new { h.Id, h.Kind, h.Name, h.CreditCode, IdNumber = h.IdNumber is null ? null : ResidentIdNumber.Mask(h.IdNumber) }).ToList(),
        });
        await db.SaveChangesAsync(ct);
        return new ImportResult(holders.Count, []);
    }

    private static string FieldOf(Error error) => error.Code switch
    {
        "registry.holder.name_required" => Name,
        "registry.holder.credit_code_invalid" or "registry.holder.credit_code_required" => CreditCode,
        "registry.holder.id_number_invalid" or "registry.holder.id_number_required" => IdNumber,
        "registry.region.code_invalid" => Region,
        _ => Kind,
    };
}

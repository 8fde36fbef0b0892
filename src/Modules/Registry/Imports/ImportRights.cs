using Microsoft.EntityFrameworkCore;
using Qingshan.Kernel;
using Qingshan.Kernel.NationalCodes;
using Qingshan.Registry.Data;
using Qingshan.Registry.Rights;

namespace Qingshan.Registry.Imports;

/// <summary>
/// Import confirmed rights (确权) from the 权利 template (.xlsx): plot code, right kind, the holder's credit code or
/// ID number, term and certificate. The plot and the holder must already be registered in the actor's scope; the
/// term rules are those of <see cref="ConfirmRightHandler"/>. All or nothing.
/// </summary>
public sealed record ImportRights(string FileName, Stream Content);

public sealed class ImportRightsHandler(RegistryDb db, TimeProvider clock)
{
    internal const string PlotCode = "地块编码";
    internal const string Kind = "权利类型";
    internal const string Holder = "权利人证件号码";
    internal const string TermStart = "起始日期";
    internal const string TermEnd = "终止日期";
    internal const string Certificate = "权属证书编号";

    public static readonly IReadOnlyList<string> Headers = [PlotCode, Kind, Holder, TermStart, TermEnd, Certificate];

    private sealed record Row(int Number, Guid PlotId, string PlotCode, string RegionCode, Guid HolderId, RightKind Kind, DateOnly Start, DateOnly? End, string Certificate);

    public async Task<ImportResult> HandleAsync(ImportRights request, CancellationToken ct = default)
    {
        var bytes = await ImportFiles.ReadAsync(request.Content, ct);
        if (bytes.IsFailure)
        {
            return ImportResult.Failed(bytes.Error!);
        }

        var sheet = ExcelSheet.Read(request.FileName, bytes.Value, Headers);
        if (sheet.IsFailure)
        {
            return ImportResult.Failed(sheet.Error!);
        }

        var rows = sheet.Value;
        var plotCodes = rows.Select(r => r.Text(PlotCode)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var plots = await db.Plots.Where(p => plotCodes.Contains(p.Code)).Select(p => new { p.Id, p.Code, p.RegionCode }).ToDictionaryAsync(p => p.Code, StringComparer.Ordinal, ct);
        var keys = rows.Select(r => r.Text(Holder)?.ToUpperInvariant()).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var holders = (await db.Holders.Where(h => (h.CreditCode != null && keys.Contains(h.CreditCode)) || (h.IdNumber != null && keys.Contains(h.IdNumber)))
            .Select(h => new { h.Id, Key = h.CreditCode ?? h.IdNumber }).ToListAsync(ct)).ToDictionary(h => h.Key!, h => h.Id, StringComparer.Ordinal);
        var plotIds = plots.Values.Select(p => p.Id).ToList();
        var existing = await db.Rights.Where(r => plotIds.Contains(r.PlotId)).Select(r => new { r.PlotId, r.Kind, r.TermStart, r.TermEnd }).ToListAsync(ct);

        var problems = new List<ImportProblem>();
        var accepted = new List<Row>();
        foreach (var row in rows)
        {
            var before = problems.Count;
            var code = row.Text(PlotCode);
            var plot = code is not null && plots.TryGetValue(code, out var p) ? p : null;
            if (plot is null)
            {
                problems.Add(ImportText.Problem(row.Row, PlotCode, code is null ? RegistryErrors.ImportFieldMissing(PlotCode) : RegistryErrors.PlotNotFound(code)));
            }

            var kindText = row.Text(Kind);
            if (!RegistryLabels.TryParse(kindText, out RightKind kind))
            {
                problems.Add(ImportText.Problem(row.Row, Kind, kindText is null ? RegistryErrors.ImportFieldMissing(Kind) : RegistryErrors.ImportValueInvalid(kindText)));
            }

            var key = row.Text(Holder)?.ToUpperInvariant();
            Guid holderId = default;
            if (key is null)
            {
                problems.Add(ImportText.Problem(row.Row, Holder, RegistryErrors.ImportFieldMissing(Holder)));
            }
            else if (!holders.TryGetValue(key, out holderId))
            {
                problems.Add(ImportText.Problem(row.Row, Holder, RegistryErrors.HolderNotFound(ResidentIdNumber.Mask(key))));
            }

            row.Cells.TryGetValue(TermStart, out var startCell);
            row.Cells.TryGetValue(TermEnd, out var endCell);
            var startOk = ExcelSheet.TryDate(startCell, out var start);
            if (!startOk)
            {
                problems.Add(ImportText.Problem(row.Row, TermStart, ImportText.Text(startCell) is { } s ? RegistryErrors.ImportValueInvalid(s) : RegistryErrors.ImportFieldMissing(TermStart)));
            }

            DateOnly? end = null;
            if (ImportText.Text(endCell) is { } endText)
            {
                if (ExcelSheet.TryDate(endCell, out var e))
                {
                    end = e;
                }
                else
                {
                    problems.Add(ImportText.Problem(row.Row, TermEnd, RegistryErrors.ImportValueInvalid(endText)));
                }
            }

            var certificate = row.Text(Certificate);
            if (certificate is null)
            {
                problems.Add(ImportText.Problem(row.Row, Certificate, RegistryErrors.RightCertificateRequired()));
            }
            else if (certificate.Length > 64)
            {
                problems.Add(ImportText.Problem(row.Row, Certificate, RegistryErrors.ImportValueInvalid(certificate[..20] + "…")));
            }

            if (problems.Count > before)
            {
                continue;
            }

            if (RightRules.CheckTerm(kind, start, end) is { } term)
            {
                problems.Add(ImportText.Problem(row.Row, TermEnd, term));
                continue;
            }

            // One right of a kind per plot at a time, against the register and against earlier rows of the file.
            var clash = existing.Any(r => r.PlotId == plot!.Id && r.Kind == kind && RightRules.Overlaps(r.TermStart, r.TermEnd, start, end))
                || accepted.Any(a => a.PlotId == plot!.Id && a.Kind == kind && RightRules.Overlaps(a.Start, a.End, start, end));
            if (clash)
            {
                problems.Add(ImportText.Problem(row.Row, Kind, RegistryErrors.RightDuplicate(RegistryLabels.Of(kind))));
                continue;
            }

            accepted.Add(new Row(row.Row, plot!.Id, plot.Code, plot.RegionCode, holderId, kind, start, end, certificate!));
        }

        if (problems.Count > 0)
        {
            return ImportResult.Failed(problems);
        }

        var at = clock.GetUtcNow();
        var rights = accepted.Select(a => new Right(a.PlotId, a.RegionCode, a.HolderId, a.Kind, a.Start, a.End, a.Certificate, at, db.Actor.UserName)).ToList();
        db.Rights.AddRange(rights);
        var regions = accepted.Select(a => a.RegionCode).Distinct(StringComparer.Ordinal).ToList();
        db.Record(at, RegistryEvents.RightsImported, Guid.CreateVersion7().ToString(), regions.Count == 1 ? regions[0] : db.Actor.RegionCode, new
        {
            File = Path.GetFileName(request.FileName),
            Count = rights.Count,
            Rights = accepted.Zip(rights).Select(x => new { x.Second.Id, Plot = x.First.PlotCode, x.First.HolderId, x.First.Kind, TermStart = x.First.Start, TermEnd = x.First.End, CertificateNumber = x.First.Certificate }).ToList(),
        });
        await db.SaveChangesAsync(ct);
        return new ImportResult(rights.Count, []);
    }
}

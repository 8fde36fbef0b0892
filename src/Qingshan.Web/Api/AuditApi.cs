using System.Text;
using Qingshan.Audit.Export;
using Qingshan.Audit.Store;
using Qingshan.Web.Security;

namespace Qingshan.Web.Api;

/// <summary>
/// The audit log as outsiders check it: signed checkpoints, the public key and Merkle proofs are public; the full export
/// (which names actors) is for the audit administrator.
/// </summary>
public static class AuditApi
{
    public static void MapAuditApi(this WebApplication app)
    {
        var open = app.MapGroup("/api/audit").AllowAnonymous();
        open.MapGet("/checkpoints", async (AuditQueries audit, CancellationToken ct) =>
            Results.Text(await audit.PublishedNotesAsync(ct), "text/plain; charset=utf-8"));
        open.MapGet("/public-key", (AuditQueries audit) =>
            Results.Text(audit.PublicKeyPem, "application/x-pem-file"));
        open.MapGet("/proofs/inclusion", async (long seq, long size, AuditQueries audit, CancellationToken ct) =>
        {
            var current = await audit.SizeAsync(ct);
            if (seq < 0 || size <= seq || size > current)
            {
                return Results.Problem(statusCode: 400, title: "序号或树大小超出范围", extensions: new Dictionary<string, object?> { ["code"] = "audit.proof.out_of_range" });
            }

            var proof = await audit.ProveInclusionAsync(seq, size, ct);
            return Results.Ok(new { leafIndex = proof.LeafIndex, treeSize = proof.TreeSize, hashes = proof.Hashes.Select(Convert.ToHexStringLower) });
        });
        open.MapGet("/proofs/consistency", async (long from, long to, AuditQueries audit, CancellationToken ct) =>
        {
            var current = await audit.SizeAsync(ct);
            if (from <= 0 || to < from || to > current)
            {
                return Results.Problem(statusCode: 400, title: "树大小超出范围", extensions: new Dictionary<string, object?> { ["code"] = "audit.proof.out_of_range" });
            }

            var proof = await audit.ProveConsistencyAsync(from, to, ct);
            return Results.Ok(new { size1 = proof.Size1, size2 = proof.Size2, hashes = proof.Hashes.Select(Convert.ToHexStringLower) });
        });
        app.MapGet("/api/audit/export", async (HttpContext http, AuditQueries audit, CancellationToken ct) =>
        {
            http.Response.ContentType = "application/x-ndjson; charset=utf-8";
            http.Response.Headers.ContentDisposition = "attachment; filename=\"qingshan-audit.jsonl\"";
            await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(false));
            await foreach (var record in audit.RecordsAsync(ct))
            {
                await writer.WriteLineAsync(AuditExport.ToLine(record));
            }
        }).RequireAuthorization(Policies.AuditRead);
    }
}

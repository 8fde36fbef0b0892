using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qingshan.Audit.Checkpoints;
using Qingshan.Audit.Export;
using Qingshan.Audit.Store;
using Qingshan.Audit.Verification;
using Qingshan.Registry.Rights;
using Qingshan.Tests.Registry;
using Qingshan.Tests.Support;

namespace Qingshan.Tests.Audit;

/// <summary>The audit log on a real database: fed by the outbox, append-only, verifiable from an export.</summary>
public sealed class AuditStoreTests
{
    private static async Task<string> ExportAsync(TestPlatform platform)
    {
        await using var scope = platform.AsSystem();
        var writer = new StringWriter();
        await foreach (var record in scope.ServiceProvider.GetRequiredService<AuditQueries>().RecordsAsync())
        {
            await writer.WriteLineAsync(AuditExport.ToLine(record));
        }

        return writer.ToString();
    }

    private static async Task<(string Notes, CheckpointKey Key)> PublishedAsync(TestPlatform platform)
    {
        await using var scope = platform.AsSystem();
        var queries = scope.ServiceProvider.GetRequiredService<AuditQueries>();
        return (await queries.PublishedNotesAsync(), new CheckpointKey(queries.KeyName, Sm2PublicKey.FromPem(queries.PublicKeyPem)));
    }

    private static async Task ExecuteAsync(TestPlatform platform, string sql)
    {
        await using var scope = platform.AsSystem();
        var db = scope.ServiceProvider.GetRequiredService<AuditDb>();
        await db.Database.ExecuteSqlRawAsync(sql);
    }

    [Fact]
    public async Task Every_state_change_is_logged_exactly_once_with_its_actor_and_region()
    {
        await using var platform = await TestPlatform.CreateAsync();
        var (w, _) = await Make.WorldAsync(platform);
        var plot = await Make.PlotAsync(platform, w, "P-1", Make.Square(119.58, 41.42));
        await platform.RunAsync(TestPlatform.WaterBureau(Make.County, "jp_water"), sp => sp.GetRequiredService<RecordDisputeHandler>().HandleAsync(new RecordDispute(plot, "边界争议")));

        var writer = platform.Services.GetRequiredService<AuditWriter>();
        var logged = await writer.DispatchPendingAsync();
        Assert.Equal(0, await writer.DispatchPendingAsync()); // nothing twice

        await using var scope = platform.AsSystem();
        var recent = await scope.ServiceProvider.GetRequiredService<AuditQueries>().RecentAsync(500);
        Assert.Equal(logged, recent.Count);
        Assert.Equal(Enumerable.Range(0, logged).Select(i => (long)i).Reverse(), recent.Select(e => e.Seq));
        var dispute = Assert.Single(recent, e => e.EventType == "registry.DisputeRecorded");
        Assert.Equal("jp_water", dispute.Actor);
        Assert.Equal(Make.County, dispute.Region);
        Assert.Contains("边界争议", dispute.Payload, StringComparison.Ordinal);
        Assert.Contains(recent, e => e.EventType == "registry.PlotRegistered" && e.ObjectId == plot.ToString());
    }

    [Fact]
    public async Task An_export_verifies_against_the_published_checkpoints_with_only_the_public_key()
    {
        await using var platform = await TestPlatform.CreateAsync();
        var (w, _) = await Make.WorldAsync(platform);
        var writer = platform.Services.GetRequiredService<AuditWriter>();
        await writer.DispatchPendingAsync();
        await Make.PlotAsync(platform, w, "P-1", Make.Square(119.58, 41.42));
        await writer.DispatchPendingAsync();
        Assert.NotNull(await writer.CheckpointIfDueAsync(force: true));

        var (notes, key) = await PublishedAsync(platform);
        var result = new AuditLogVerifier(key, writer.Options.Origin).VerifyExport(new StringReader(await ExportAsync(platform)), notes);
        Assert.True(result.IsSuccess, result.Error?.ToString());
        Assert.Equal(0, result.Value.UnattestedEntries);

        var proof = await platform.RunAsync(Qingshan.Kernel.Actor.System, sp => sp.GetRequiredService<AuditQueries>().ProveInclusionAsync(3, result.Value.EntryCount));
        Assert.InRange(proof.Hashes.Count, 1, (int)Math.Ceiling(Math.Log2(result.Value.EntryCount)));
    }

    [Theory]
    [InlineData("UPDATE audit_entries SET actor = 'someone else' WHERE seq = 1")]
    [InlineData("DELETE FROM audit_entries WHERE seq = 1")]
    [InlineData("DELETE FROM audit_nodes")]
    public async Task The_database_refuses_to_change_or_delete_audit_rows(string sql)
    {
        await using var platform = await TestPlatform.CreateAsync();
        await Make.WorldAsync(platform);
        await platform.Services.GetRequiredService<AuditWriter>().DispatchPendingAsync();
        await Assert.ThrowsAnyAsync<DbException>(() => ExecuteAsync(platform, sql));
    }

    [Fact]
    public async Task An_administrator_who_drops_the_guard_and_edits_a_row_is_caught_at_that_row()
    {
        await using var platform = await TestPlatform.CreateAsync();
        var (w, _) = await Make.WorldAsync(platform);
        await Make.PlotAsync(platform, w, "P-1", Make.Square(119.58, 41.42));
        var writer = platform.Services.GetRequiredService<AuditWriter>();
        await writer.DispatchPendingAsync();
        await writer.CheckpointIfDueAsync(force: true);

        // Someone with database access removes the guard and rewrites who registered the region.
        await ExecuteAsync(platform, platform.IsPostgres ? "DROP TRIGGER audit_entries_append_only ON audit_entries" : "DROP TRIGGER audit_entries_no_update");
        await ExecuteAsync(platform, "UPDATE audit_entries SET actor = 'nobody' WHERE seq = 2");

        var (notes, key) = await PublishedAsync(platform);
        var result = new AuditLogVerifier(key).VerifyExport(new StringReader(await ExportAsync(platform)), notes);
        Assert.True(result.IsFailure);
        Assert.Equal("audit.log.entry_altered", result.Error!.Code);
        Assert.Equal("seq 2", result.Error.Target);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qingshan.Audit.Export;
using Qingshan.Audit.Store;
using Qingshan.Data;
using Qingshan.Kernel;
using Qingshan.Tests.Support;

namespace Qingshan.Tests.Audit;

/// <summary>
/// What the audit writer stores for a set of representative outbox rows — payload text, time, chain and leaf hashes, i.e.
/// the export line — is pinned byte for byte in <c>Golden/writer-entries.jsonl</c>, written by the writer as it was before
/// the session-4 rewrite (JsonNode wrapper + canonicalisation in <c>AuditLog.Append</c>, EF change tracking). A faster
/// write path must store exactly the same bytes, or logs written before it would no longer match what it writes.
/// Regenerate only knowingly: <c>QINGSHAN_AUDIT_GOLDEN_WRITE=1</c> rewrites the file from the current code.
/// </summary>
public sealed class AuditWriterGoldenTests
{
    private static readonly string GoldenPath = Path.Combine(AppContext.BaseDirectory, "Audit", "Golden", "writer-entries.jsonl");

    private static Actor Person(string id, string name, string? ip) =>
        new(id, name, RegionScope.All, new HashSet<string>(["tester"]), "211322", ip);

    /// <summary>Payloads as modules serialise them, plus rows a module could not have written (not JSON, bare JSON values).</summary>
    private static IEnumerable<OutboxMessage> Messages(DateTimeOffset at)
    {
        var ledger = Person("user-jp_finance", "建平县财政局", "10.0.0.7");
        yield return OutboxMessage.Create(at, "ledger", "JournalEntryPosted", "seed:0191", "211322", ledger, new
        {
            BusinessKey = "seed:0191",
            Description = "基准测试入账",
            DealId = new Guid("0192f3a4-5b6c-7d8e-9fa0-b1c2d3e4f506"),
            Postings = new object[] { new { Account = "2202.211322.TS.0192f3a4", AmountFen = 4_321L }, new { Account = "1002.211322", AmountFen = -4_321L } },
        });
        yield return OutboxMessage.Create(at.AddTicks(10), "trading", "BidPlaced", "listing:42", "211322", Person("user-b1", "", null), new
        {
            AmountFen = 120_000_000L,
            Price = 1.50m,
            Ratio = 0.1,
            Tiny = 1e-7,
            Huge = 12345678901234567890.0,
            Max = long.MaxValue,
            Min = long.MinValue,
            Neg = -0.0,
            Flag = true,
            Off = false,
            Nothing = (string?)null,
        });
        yield return OutboxMessage.Create(at.AddMilliseconds(1), "registry", "DisputeRecorded", "plot:P-1", null, Person("user-jp_water", "jp_water", null), new
        {
            Reason = "边界争议 \"引号\" \\ 反斜杠 / 斜杠 \t 制表 \n 换行 \u0001 控制 \u2028 行分隔 😀 <b>&amp;</b> 'apos' +é",
            Points = new[] { new[] { 119.58, 41.42 }, new[] { 119.580001, 41.420001 } },
            Empty = new { },
            None = Array.Empty<int>(),
        });
        // Member order: the canonical form sorts by UTF-16 code unit, so upper case, digits, '_' and non-ASCII keys interleave.
        yield return OutboxMessage.Create(at, "accounting", "RunApproved", "run:7", "211322", Person("user-acct", "会计", "::1"),
            new Dictionary<string, object?>
            {
                ["zeta"] = 1, ["Alpha"] = 2, ["alpha"] = 3, ["_x"] = 4, ["10"] = 5, ["9"] = 6, ["水土"] = 7, ["é"] = 8, ["a b"] = 9, [""] = 10,
                ["nested"] = new Dictionary<string, object?> { ["b"] = new object?[] { null, "x", 1 }, ["a"] = new Dictionary<string, object?>() },
            });
        yield return OutboxMessage.Create(at, "distribution", "Note", "n:1", "211322", Person("user-d", "分配", null), "a bare JSON string payload \u00e9");
        yield return OutboxMessage.Create(at, "distribution", "Count", "n:2", "211322", Person("user-d", "分配", null), 42);
    }

    [Fact]
    public async Task The_writer_stores_the_same_bytes_for_representative_payloads_as_before()
    {
        await using var platform = await TestPlatform.CreateAsync();
        var at = new DateTimeOffset(2026, 3, 2, 1, 2, 3, TimeSpan.Zero).AddTicks(4_560);
        await using (var scope = platform.AsSystem())
        {
            var db = scope.ServiceProvider.GetRequiredService<AuditDb>();
            db.Outbox.AddRange(Messages(at));
            await db.SaveChangesAsync();

            // Rows no module writes (a payload that is not JSON, JSON null, JSON with insignificant whitespace): the
            // writer still records them, the first one as a JSON string.
            var when = platform.IsPostgres ? (object)at.AddSeconds(1) : at.AddSeconds(1).UtcTicks;
            foreach (var payload in new[] { "not json {", "null", " { \"b\" : [ 1 , 2.50 ] , \"a\" : \"\\u6c34\" } " })
            {
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO outbox_messages (occurred_at, module, event_type, object_id, region_code, actor_id, actor_name, ip_address, payload)
                    VALUES ({when}, 'raw', 'Raw', 'raw:1', NULL, 'user-raw', 'raw', '192.168.1.1', {payload})
                    """);
            }
        }

        var writer = platform.Services.GetRequiredService<AuditWriter>();
        platform.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 2, 1, 5, 0, TimeSpan.Zero).AddTicks(12_345_678)); // sub-µs ticks are cut; occurred-at times are whole µs, which both stores keep
        Assert.Equal(9, await writer.DispatchPendingAsync());

        var lines = new List<string>();
        await using (var scope = platform.AsSystem())
        {
            await foreach (var record in scope.ServiceProvider.GetRequiredService<AuditQueries>().RecordsAsync())
            {
                lines.Add(AuditExport.ToLine(record));
            }
        }

        if (Environment.GetEnvironmentVariable("QINGSHAN_AUDIT_GOLDEN_WRITE") == "1")
        {
            var source = Path.Combine(Environment.GetEnvironmentVariable("QINGSHAN_AUDIT_GOLDEN_DIR") ?? ".", "writer-entries.jsonl");
            await File.WriteAllLinesAsync(source, lines);
            return;
        }

        var golden = await File.ReadAllLinesAsync(GoldenPath);
        Assert.Equal(golden.Length, lines.Count);
        for (var i = 0; i < golden.Length; i++)
        {
            Assert.Equal(golden[i], lines[i]);
        }
    }
}

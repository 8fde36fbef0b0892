using System.Text;
using Qingshan.Audit;
using Qingshan.Audit.Entries;
using Qingshan.Audit.Export;
using Qingshan.Audit.Hashing;
using Qingshan.Audit.Verification;
using Qingshan.Kernel;

namespace Qingshan.Tests.Audit;

/// <summary>
/// T11a at unit scale: every kind of row tampering an administrator can do to a ~2,000-entry log is
/// detected by a verifier holding only the public key and the published checkpoints, and is located at
/// the right seq.
/// </summary>
public sealed class TamperDetectionTests(AuditLogFixture fixture) : IClassFixture<AuditLogFixture>
{
    private const int N = AuditLogFixture.Size;

    private AuditLogVerifier Verifier => new(fixture.Signer.Key, AuditLogFixture.Origin);

    [Fact]
    public void The_untouched_log_verifies_against_every_checkpoint()
    {
        var result = Verify(fixture.Records);

        Assert.True(result.IsSuccess, result.Error is null ? null : AuditErrors.Describe(result.Error));
        Assert.Equal(N, result.Value.EntryCount);
        Assert.Equal(N, result.Value.AttestedSize);
        Assert.Equal(fixture.Log.RootHash(), result.Value.RootHash);
    }

    [Fact]
    public void The_exported_json_lines_verify_through_the_cli_entry_point()
    {
        var result = Verifier.Verify(new StringReader(ExportText()), fixture.Checkpoints.Select(c => c.ToText()));
        Assert.True(result.IsSuccess, result.Error?.ToString());
    }

    [Fact]
    public void Editing_a_row_without_rehashing_is_reported_as_that_entry_altered() =>
        AssertLocated(Mutate(r => r[700] = WithPayload(r[700], "{\"i\":700,\"amountFen\":1}")), AuditErrors.EntryAlteredCode, 700);

    [Fact]
    public void Editing_a_row_and_recomputing_its_hash_is_caught_by_the_next_rows_chain_and_located_at_the_edited_row() =>
        AssertLocated(Mutate(r => r[700] = Reseal(WithPayload(r[700], "{\"i\":700,\"amountFen\":1}"))), AuditErrors.ChainBrokenCode, 700);

    [Fact]
    public void Editing_and_rehashing_the_last_row_is_caught_by_the_signed_root()
    {
        var result = Verify(Mutate(r => r[N - 1] = Reseal(WithPayload(r[N - 1], "{}"))));
        Assert.Equal(AuditErrors.RewrittenCode, result.Error?.Code);
        Assert.Equal([N - AuditLogFixture.Interval, N - 1, N], result.Error!.Args.Cast<long>());
    }

    [Fact]
    public void Rewriting_every_row_from_one_on_consistently_is_located_to_the_checkpoint_window()
    {
        var result = Verify(Mutate(r => Rechain(r, 1234, "{\"forged\":true}")));
        Assert.Equal(AuditErrors.RewrittenCode, result.Error?.Code);
        Assert.Equal([1200L, 1399L, 1400L], result.Error!.Args.Cast<long>());
    }

    [Fact]
    public void Deleting_a_row_is_reported_as_that_entry_missing() =>
        AssertLocated(Mutate(r => r.RemoveAt(321)), AuditErrors.EntryMissingCode, 321);

    [Fact]
    public void Deleting_the_tail_is_reported_as_truncation_at_the_first_missing_seq() =>
        AssertLocated(Mutate(r => r.RemoveRange(1500, N - 1500)), AuditErrors.TruncatedCode, 1500);

    [Fact]
    public void Swapping_two_rows_is_reported_as_reordering_at_the_earlier_seq()
    {
        AssertLocated(Mutate(r => (r[100], r[900]) = (r[900], r[100])), AuditErrors.ReorderedCode, 100);
        AssertLocated(Mutate(r => (r[100], r[101]) = (r[101], r[100])), AuditErrors.ReorderedCode, 100);
    }

    [Fact]
    public void A_forged_row_slipped_in_with_a_borrowed_seq_is_reported_as_inserted_where_it_sits() =>
        AssertLocated(Mutate(r => r.Insert(555, Forged(r, 555))), AuditErrors.EntryInsertedCode, 555);

    [Fact]
    public void A_forged_row_with_later_rows_renumbered_and_rehashed_is_located_at_the_forgery()
    {
        var result = Verify(Mutate(r =>
        {
            r.Insert(555, Forged(r, 555));
            for (var i = 556; i < r.Count; i++)
            {
                r[i] = Reseal(r[i].Entry with { Seq = i });
            }
        }));

        Assert.Equal(AuditErrors.ChainBrokenCode, result.Error?.Code);
        Assert.Equal(555, AuditErrors.SeqOf(result.Error!));
    }

    [Fact]
    public void Tampering_with_the_first_or_last_row_is_located_there_too()
    {
        AssertLocated(Mutate(r => r.RemoveAt(0)), AuditErrors.EntryMissingCode, 0);
        AssertLocated(Mutate(r => r[0] = WithPayload(r[0], "{}")), AuditErrors.EntryAlteredCode, 0);
        AssertLocated(Mutate(r => r[0] = Reseal(WithPayload(r[0], "{}"))), AuditErrors.ChainBrokenCode, 0);
        AssertLocated(Mutate(r => r.Insert(0, Forged(r, 0))), AuditErrors.EntryInsertedCode, 0);
        AssertLocated(Mutate(r => (r[0], r[N - 1]) = (r[N - 1], r[0])), AuditErrors.ReorderedCode, 0);
        AssertLocated(Mutate(r => r.RemoveAt(N - 1)), AuditErrors.TruncatedCode, N - 1);
        AssertLocated(Mutate(r => r[N - 1] = WithPayload(r[N - 1], "{}")), AuditErrors.EntryAlteredCode, N - 1);
        AssertLocated(Mutate(r => r.Add(Forged(r, N - 1))), AuditErrors.EntryInsertedCode, N);
    }

    [Theory]
    [InlineData(199)]
    [InlineData(200)]
    [InlineData(999)]
    public void A_forgery_or_rehashed_edit_at_a_checkpoint_boundary_is_still_located_exactly(int at)
    {
        AssertLocated(Mutate(r => r.Insert(at, Forged(r, at))), AuditErrors.EntryInsertedCode, at);
        AssertLocated(Mutate(r => r[at] = Reseal(WithPayload(r[at], "{}"))), AuditErrors.ChainBrokenCode, at);
        AssertLocated(Mutate(r => r.RemoveAt(at)), AuditErrors.EntryMissingCode, at);
    }

    [Fact]
    public void A_changed_seq_number_is_reported_as_that_entry_altered() =>
        AssertLocated(Mutate(r => r[42] = r[42] with { Entry = r[42].Entry with { Seq = 4242 } }), AuditErrors.EntryAlteredCode, 42);

    [Fact]
    public void A_checkpoint_whose_signature_does_not_verify_is_refused_before_the_log_is_read()
    {
        var forged = fixture.Checkpoints[3] with { Body = fixture.Checkpoints[3].Body.Replace("\n800\n", "\n801\n", StringComparison.Ordinal) };
        var result = Verifier.Verify(fixture.Records, [.. fixture.Checkpoints.Take(3), forged]);
        Assert.Equal(AuditErrors.BadSignatureCode, result.Error?.Code);
    }

    [Fact]
    public void Entries_after_the_newest_checkpoint_are_reported_as_unattested()
    {
        var result = Verifier.Verify(fixture.Records, fixture.Checkpoints.Take(5));
        Assert.True(result.IsSuccess);
        Assert.Equal(N - 1000, result.Value.UnattestedEntries);
    }

    [Fact]
    public void No_checkpoint_means_nothing_can_be_verified() =>
        Assert.Equal(AuditErrors.NoCheckpointCode, Verifier.Verify(fixture.Records, []).Error?.Code);

    [Fact]
    public void Every_finding_has_a_zh_CN_message()
    {
        foreach (var code in AuditErrors.Codes)
        {
            var message = AuditErrors.Describe(new Error(code, 1L, 2L, 3L));
            Assert.NotEqual(code, message);
            Assert.Contains(message, c => c >= '\u4e00' && c <= '\u9fff');
        }
    }

    [Fact]
    public void Hundreds_of_random_row_mutations_are_all_detected_and_located()
    {
        var random = new Random(11_2026);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var trial = 0; trial < 420; trial++)
        {
            var (kind, rows, expectedCode, expectedSeq) = RandomMutation(random);
            var result = Verify(rows);
            counts[kind] = counts.GetValueOrDefault(kind) + 1;
            Assert.True(result.IsFailure, $"{kind} at {expectedSeq} went undetected");
            Assert.True(
                result.Error!.Code == expectedCode && AuditErrors.SeqOf(result.Error) == expectedSeq,
                $"{kind}: expected {expectedCode} at seq {expectedSeq}, got {result.Error}");
        }

        Assert.True(counts.Count >= 8 && counts.Values.All(c => c >= 20), string.Join(", ", counts));
    }

    [Fact]
    public void Flipping_a_random_byte_of_the_exported_text_is_always_detected_on_that_line()
    {
        var text = Encoding.UTF8.GetBytes(ExportText());
        var lineStarts = new List<int> { 0 };
        for (var i = 0; i < text.Length - 1; i++)
        {
            if (text[i] == (byte)'\n')
            {
                lineStarts.Add(i + 1);
            }
        }

        var random = new Random(32_905);
        var checkpoints = fixture.Checkpoints.Select(c => c.ToText()).ToList();
        for (var trial = 0; trial < 200; trial++)
        {
            var line = random.Next(N);
            var lineEnd = line + 1 < lineStarts.Count ? lineStarts[line + 1] - 1 : text.Length - 1;
            var at = random.Next(lineStarts[line], lineEnd);
            var copy = (byte[])text.Clone();
            copy[at] ^= (byte)(1 << random.Next(7));

            var result = Verifier.Verify(new StreamReader(new MemoryStream(copy), Encoding.UTF8), checkpoints);

            Assert.True(result.IsFailure, $"flip at line {line + 1} offset {at - lineStarts[line]} went undetected");
            var located = AuditErrors.SeqOf(result.Error!) ?? (result.Error!.Code == AuditErrors.MalformedEntryCode ? (long)result.Error.Args[0]! - 1 : -1);
            Assert.True(located == line || (result.Error!.Code == AuditErrors.ChainBrokenCode && located == line),
                $"flip on line {line + 1} reported as {result.Error}");
        }
    }

    private (string Kind, List<AuditRecord> Rows, string Code, long Seq) RandomMutation(Random random)
    {
        var rows = fixture.Records.ToList();
        // One draw in four lands on a checkpoint boundary, where a signed root and the chain meet.
        var i = random.Next(4) == 0
            ? Math.Clamp((random.Next(1, N / AuditLogFixture.Interval) * AuditLogFixture.Interval) - random.Next(2), 1, N - 3)
            : random.Next(1, N - 2);
        switch (random.Next(10))
        {
            case 0:
                rows[i] = WithPayload(rows[i], "{\"amountFen\":" + random.Next() + "}");
                return ("edit", rows, AuditErrors.EntryAlteredCode, i);
            case 1:
                rows[i] = Reseal(WithPayload(rows[i], "{\"amountFen\":" + random.Next() + "}"));
                return ("edit+rehash", rows, AuditErrors.ChainBrokenCode, i);
            case 2:
                rows.RemoveAt(i);
                return ("delete", rows, AuditErrors.EntryMissingCode, i);
            case 3:
                var j = random.Next(i + 1, N);
                (rows[i], rows[j]) = (rows[j], rows[i]);
                return ("swap", rows, AuditErrors.ReorderedCode, i);
            case 4:
                rows.RemoveRange(i, N - i);
                return ("truncate", rows, AuditErrors.TruncatedCode, i);
            case 5:
                rows.Insert(i, Forged(rows, i));
                return ("insert", rows, AuditErrors.EntryInsertedCode, i);
            case 6:
                var junk = Reseal(rows[i].Entry with { Payload = "{\"forged\":1}", PreviousHash = RandomHash(random) });
                rows.Insert(i, random.Next(2) == 0 ? junk : Reseal(junk.Entry with { Seq = N + random.Next(100) }));
                return ("insert-unchained", rows, AuditErrors.EntryInsertedCode, i);
            case 7:
                var leaf = (byte[])rows[i].LeafHash.Clone();
                leaf[random.Next(leaf.Length)] ^= (byte)(1 << random.Next(8));
                rows[i] = rows[i] with { LeafHash = leaf };
                return ("flip-leaf-hash", rows, AuditErrors.EntryAlteredCode, i);
            case 8:
                var prev = (byte[])rows[i].Entry.PreviousHash.Clone();
                prev[random.Next(prev.Length)] ^= (byte)(1 << random.Next(8));
                rows[i] = rows[i] with { Entry = rows[i].Entry with { PreviousHash = prev } };
                return ("flip-prev-hash", rows, AuditErrors.EntryAlteredCode, i);
            default:
                rows[i] = rows[i] with { Entry = rows[i].Entry with { Seq = rows[i].Entry.Seq ^ (1L << random.Next(40)) } };
                return ("flip-seq", rows, AuditErrors.EntryAlteredCode, i);
        }
    }

    private Result<VerifiedLog> Verify(IEnumerable<AuditRecord> rows) => Verifier.Verify(rows, fixture.Checkpoints);

    private List<AuditRecord> Mutate(Action<List<AuditRecord>> change)
    {
        var rows = fixture.Records.ToList();
        change(rows);
        return rows;
    }

    private static AuditRecord WithPayload(AuditRecord record, string payload) =>
        record with { Entry = record.Entry with { Payload = payload } };

    private static AuditRecord Reseal(AuditRecord record) => Reseal(record.Entry);

    private static AuditRecord Reseal(AuditEntry entry) => AuditLog.Seal(entry, TreeHasher.Sm3);

    /// <summary>A well-made forgery: takes seq <paramref name="at"/>, chains onto the row before, hashes correctly.</summary>
    private static AuditRecord Forged(List<AuditRecord> rows, int at) =>
        Reseal(rows[at].Entry with
        {
            Actor = "u:forger",
            Payload = "{\"amountFen\":99999999}",
            PreviousHash = at == 0 ? new byte[32] : rows[at - 1].LeafHash,
        });

    /// <summary>What an insider with write access but no signing key can do best: rewrite from <paramref name="from"/> on, re-chaining every row.</summary>
    private static void Rechain(List<AuditRecord> rows, int from, string payload)
    {
        rows[from] = Reseal(rows[from].Entry with { Payload = payload });
        for (var i = from + 1; i < rows.Count; i++)
        {
            rows[i] = Reseal(rows[i].Entry with { PreviousHash = rows[i - 1].LeafHash });
        }
    }

    private static byte[] RandomHash(Random random)
    {
        var bytes = new byte[32];
        random.NextBytes(bytes);
        return bytes;
    }

    private void AssertLocated(List<AuditRecord> rows, string code, long seq)
    {
        var result = Verify(rows);
        Assert.True(result.IsFailure, "tampering went undetected");
        Assert.Equal(code, result.Error!.Code);
        Assert.Equal(seq, AuditErrors.SeqOf(result.Error));
        Assert.Contains(seq.ToString(System.Globalization.CultureInfo.InvariantCulture), AuditErrors.Describe(result.Error));
    }

    private string ExportText()
    {
        var writer = new StringWriter();
        AuditExport.Write(writer, fixture.Records);
        return writer.ToString();
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Qingshan.Data;
using Qingshan.Kernel;

namespace Qingshan.Ledger.Journal;

/// <summary>
/// Group commit for postings (one per service provider), on the platform's <see cref="GroupCommit{TItem, TResult}"/>:
/// every caller queues its entry; one drain loop takes everything waiting (up to <see cref="MaxBatch"/>) and writes it as
/// ONE ledger transaction — the ledger lock, one idempotency query, one read of the touched accounts, the new rows, the
/// conservation check on the touched accounts, one durable commit — then completes each caller's task with its own
/// outcome. No caller hears "posted" before the commit that holds its entry. Entries refused by the ledger's rules
/// (unbalanced, frozen, overdraft, key reused) are refused alone inside the batch; if the batch transaction itself fails
/// (an exception: database error, conservation violated), every entry of it is retried in a transaction of its own, so
/// only the culprit fails. Cancellation is honoured only before an entry is queued: once queued it is written (postings
/// are idempotent by business key, so a caller that gave up may safely retry).
/// While batches keep coming the drain loop keeps one scope — its context and open connection — for batch after batch
/// (no scope, context and connection set-up in the serial section); it lets go of it after a failure and when idle.
/// </summary>
public sealed class LedgerGroupCommit
{
    /// <summary>At most this many entries per ledger transaction.</summary>
    public const int MaxBatch = 256;

    private readonly GroupCommit<QueuedPosting, Result<PostedEntry>> commit;

    /// <summary>The drain loop's scope, kept while it keeps draining.</summary>
    private readonly WriterScope<Data.LedgerDb> writer;

    public LedgerGroupCommit(IServiceScopeFactory scopes, ILogger<LedgerGroupCommit> logger)
    {
        writer = new WriterScope<Data.LedgerDb>(scopes);
        commit = new GroupCommit<QueuedPosting, Result<PostedEntry>>(CommitAsync, MaxBatch, logger, writer.DropAsync);
    }

    public async Task<Result<PostedEntry>> PostAsync(PostEntry request, Actor actor, CancellationToken ct = default) =>
        (await PostManyAsync([request], actor, ct))[0];

    /// <summary>
    /// Queues several entries at once (e.g. an outbox consumer's batch) and waits for all of them; they are judged in
    /// order, so a later entry sees the balances the earlier ones left.
    /// </summary>
    public async Task<Result<PostedEntry>[]> PostManyAsync(IReadOnlyList<PostEntry> requests, Actor actor, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        var mine = new Task<Result<PostedEntry>>[requests.Count];
        for (var i = 0; i < mine.Length; i++)
        {
            mine[i] = commit.SubmitAsync(new QueuedPosting(requests[i], actor), CancellationToken.None);
        }

        // Every entry of the call is written (or refused) before the call returns, also when one of them threw.
        try
        {
            await Task.WhenAll(mine);
        }
        catch (Exception)
        {
            // the first failed entry's exception is rethrown below, in order
        }

        var results = new Result<PostedEntry>[mine.Length];
        for (var i = 0; i < mine.Length; i++)
        {
            results[i] = await mine[i];
        }

        return results;
    }

    /// <summary>How many ledger transactions the group commit has written, one-entry retries after a failed batch included (for tests and the bench).</summary>
    public long Batches => commit.Batches;

    /// <summary>How long the drain loop has spent writing batches, answers included (for the bench: the serial part).</summary>
    public TimeSpan Busy => commit.Busy;

    private Task<IReadOnlyList<Result<PostedEntry>>> CommitAsync(IReadOnlyList<QueuedPosting> postings) =>
        writer.RunAsync<IReadOnlyList<Result<PostedEntry>>>(async (sp, _) =>
            (await sp.GetRequiredService<LedgerUnit>().RunAsync(async s => Result<Result<PostedEntry>[]>.Success(await s.PostManyAsync(postings, CancellationToken.None)), CancellationToken.None)).Value);
}

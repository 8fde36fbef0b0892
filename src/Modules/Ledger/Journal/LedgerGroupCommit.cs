using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Qingshan.Kernel;

namespace Qingshan.Ledger.Journal;

/// <summary>
/// Group commit for postings (one per service provider). Every caller queues its entry; whoever gets the writer slot
/// takes everything waiting (up to <see cref="MaxBatch"/>) and writes it as ONE ledger transaction — the ledger lock,
/// one idempotency query, one read of the touched accounts, one SaveChanges, the conservation check on the touched
/// accounts, one durable commit — then completes each caller's task with its own outcome. No caller hears "posted"
/// before the commit that holds its entry. Entries refused by the ledger's rules (unbalanced, frozen, overdraft, key
/// reused) are refused alone inside the batch; if the batch transaction itself fails (an exception: database error,
/// conservation violated), every entry of it is retried in a transaction of its own, so only the culprit fails.
/// Cancellation is honoured only before an entry is queued: once queued it is written (postings are idempotent by
/// business key, so a caller that gave up may safely retry).
/// </summary>
public sealed class LedgerGroupCommit(IServiceScopeFactory scopes, ILogger<LedgerGroupCommit> logger)
{
    /// <summary>At most this many entries per ledger transaction.</summary>
    public const int MaxBatch = 256;

    private readonly ConcurrentQueue<Waiting> queue = new();
    private readonly SemaphoreSlim writer = new(1, 1);
    private long batches;

    private sealed record Waiting(QueuedPosting Posting, TaskCompletionSource<Result<PostedEntry>> Done);

    public async Task<Result<PostedEntry>> PostAsync(PostEntry request, Actor actor, CancellationToken ct = default) =>
        (await PostManyAsync([request], actor, ct))[0];

    /// <summary>
    /// Queues several entries at once (e.g. an outbox consumer's batch) and waits for all of them; they are judged in
    /// order, so a later entry sees the balances the earlier ones left.
    /// </summary>
    public async Task<Result<PostedEntry>[]> PostManyAsync(IReadOnlyList<PostEntry> requests, Actor actor, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        var mine = requests.Select(r => new Waiting(new QueuedPosting(r, actor), new TaskCompletionSource<Result<PostedEntry>>(TaskCreationOptions.RunContinuationsAsynchronously))).ToList();
        foreach (var w in mine)
        {
            queue.Enqueue(w);
        }

        while (mine.Any(w => !w.Done.Task.IsCompleted))
        {
            await writer.WaitAsync(CancellationToken.None);
            try
            {
                if (mine.All(w => w.Done.Task.IsCompleted))
                {
                    break; // an earlier writer took and committed them
                }

                var batch = new List<Waiting>();
                while (batch.Count < MaxBatch && queue.TryDequeue(out var w))
                {
                    batch.Add(w);
                }

                if (batch.Count > 0)
                {
                    Interlocked.Increment(ref batches);
                    await WriteAsync(batch);
                }
            }
            finally
            {
                writer.Release();
            }
        }

        var results = new Result<PostedEntry>[mine.Count];
        for (var i = 0; i < mine.Count; i++)
        {
            results[i] = await mine[i].Done.Task;
        }

        return results;
    }

    /// <summary>How many ledger transactions the group commit has written (for tests and the bench).</summary>
    public long Batches => Interlocked.Read(ref batches);

    private async Task WriteAsync(List<Waiting> batch)
    {
        try
        {
            var results = await CommitAsync(batch.Select(w => w.Posting).ToList());
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Done.TrySetResult(results[i]);
            }

            return;
        }
        catch (Exception ex) when (batch.Count > 1)
        {
            // Fall through: one transaction each, so the failure lands on the entry that caused it.
            logger.LogWarning(ex, "a ledger batch of {Count} entries failed; posting them one by one", batch.Count);
        }
        catch (Exception ex)
        {
            batch[0].Done.TrySetException(ex);
            return;
        }

        foreach (var w in batch)
        {
            try
            {
                w.Done.TrySetResult((await CommitAsync([w.Posting]))[0]);
            }
            catch (Exception ex)
            {
                w.Done.TrySetException(ex);
            }
        }
    }

    private async Task<Result<PostedEntry>[]> CommitAsync(IReadOnlyList<QueuedPosting> postings)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorContext>().Current = Actor.System; // each entry carries its own actor
        var unit = scope.ServiceProvider.GetRequiredService<LedgerUnit>();
        var r = await unit.RunAsync(async s => Result<Result<PostedEntry>[]>.Success(await s.PostManyAsync(postings, CancellationToken.None)), CancellationToken.None);
        return r.Value;
    }
}

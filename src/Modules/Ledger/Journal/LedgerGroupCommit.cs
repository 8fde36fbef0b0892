using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Qingshan.Kernel;

namespace Qingshan.Ledger.Journal;

/// <summary>
/// Group commit for postings (one per service provider). Every caller queues its entry; one drain loop
/// takes everything waiting (up to <see cref="MaxBatch"/>) and writes it as ONE ledger transaction — the ledger lock,
/// one idempotency query, one read of the touched accounts, one write of the new rows in bulk, the conservation check on the touched
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

    /// <summary>1 while a drain loop is writing (at most one per process; across processes the ledger lock serialises).</summary>
    private int draining;
    private long batches;
    private long busyTicks;

    /// <summary>The drain loop's scope (context and open connection), kept while it keeps draining; only the drain loop touches it.</summary>
    private AsyncServiceScope? writer;

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
        var mine = new Waiting[requests.Count];
        for (var i = 0; i < mine.Length; i++)
        {
            mine[i] = new Waiting(new QueuedPosting(requests[i], actor), new TaskCompletionSource<Result<PostedEntry>>(TaskCreationOptions.RunContinuationsAsynchronously));
            queue.Enqueue(mine[i]);
        }

        // Callers only wait for their own answers; one drain loop writes whatever is queued, batch after batch (no
        // convoy of waiting callers handing a writer slot on one by one after each commit).
        if (Interlocked.CompareExchange(ref draining, 1, 0) == 0)
        {
            _ = Task.Run(DrainAsync, CancellationToken.None);
        }

        // Every entry of the call is written (or refused) before the call returns, also when one of them threw.
        try
        {
            await Task.WhenAll(mine.Select(m => m.Done.Task));
        }
        catch (Exception)
        {
            // the first failed entry's exception is rethrown below, in order
        }

        var results = new Result<PostedEntry>[mine.Length];
        for (var i = 0; i < mine.Length; i++)
        {
            results[i] = await mine[i].Done.Task;
        }

        return results;
    }

    private async Task DrainAsync()
    {
        var last = 0;
        while (true)
        {
            while (!queue.IsEmpty)
            {
                // The callers just answered are still coming back with their next entries: let them queue first, so
                // the next transaction is about as full as the last (a group commit's batch is what arrived meanwhile),
                // yielding a few times while more keep arriving.
                for (var (n, seen) = (0, queue.Count); seen < last && n < 4; n++)
                {
                    await Task.Yield();
                    var now = queue.Count;
                    if (now == seen)
                    {
                        break;
                    }

                    seen = now;
                }

                var batch = new List<Waiting>(Math.Min(MaxBatch, queue.Count));
                while (batch.Count < MaxBatch && queue.TryDequeue(out var w))
                {
                    batch.Add(w);
                }

                last = batch.Count;
                Interlocked.Increment(ref batches);
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                try
                {
                    await WriteAsync(batch);
                }
                catch (Exception ex)
                {
                    // WriteAsync answers every failure itself; anything else must not leave the loop marked running.
                    logger.LogError(ex, "the ledger's group commit stopped on an unexpected error");
                    foreach (var w in batch)
                    {
                        w.Done.TrySetException(ex);
                    }
                }
                finally
                {
                    Interlocked.Add(ref busyTicks, System.Diagnostics.Stopwatch.GetTimestamp() - started);
                }
            }

            // Stop, unless an entry was queued after the queue looked empty and its caller saw this loop still running.
            await DropWriterAsync();
            Volatile.Write(ref draining, 0);
            if (queue.IsEmpty || Interlocked.CompareExchange(ref draining, 1, 0) != 0)
            {
                return;
            }
        }
    }

    /// <summary>How many ledger transactions the group commit has written (for tests and the bench).</summary>
    public long Batches => Interlocked.Read(ref batches);

    /// <summary>How long the drain loop has spent writing batches, answers included (for the bench: the serial part).</summary>
    public TimeSpan Busy => System.Diagnostics.Stopwatch.GetElapsedTime(0, Interlocked.Read(ref busyTicks));

    /// <summary>Writes one batch and answers its callers; never throws (a failure is each caller's answer).</summary>
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

    /// <summary>
    /// One ledger transaction for <paramref name="postings"/>, on the drain loop's own scope: its context and open
    /// connection serve batch after batch while the loop keeps draining (no scope, context and connection set-up per
    /// batch in the serial section); after a failure they are dropped and the next batch starts afresh.
    /// </summary>
    private async Task<Result<PostedEntry>[]> CommitAsync(IReadOnlyList<QueuedPosting> postings)
    {
        if (writer is not { } scope)
        {
            scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<ActorContext>().Current = Actor.System; // each entry carries its own actor
            writer = scope;
        }

        try
        {
            var r = await scope.ServiceProvider.GetRequiredService<LedgerUnit>().RunAsync(async s => Result<Result<PostedEntry>[]>.Success(await s.PostManyAsync(postings, CancellationToken.None)), CancellationToken.None);
            scope.ServiceProvider.GetRequiredService<Data.LedgerDb>().ChangeTracker.Clear();
            return r.Value;
        }
        catch
        {
            await DropWriterAsync();
            throw;
        }
    }

    private async Task DropWriterAsync()
    {
        if (writer is { } scope)
        {
            writer = null;
            await scope.DisposeAsync();
        }
    }
}

using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Qingshan.Data;

/// <summary>
/// A group commit: callers queue items and each awaits only its own result; ONE drain loop takes whatever is waiting
/// (up to <see cref="MaxBatch"/>), hands it to the batch writer (one transaction, one commit) and answers each caller
/// with its own result, batch after batch, until the queue is empty. No caller hands a writer slot on to the next one
/// after a commit (that convoy made every batch wait for a chain of thread-pool hops).
/// <para>
/// Batching: a batch is what arrived while the previous one was written. Before taking the next batch the loop yields
/// a few times while more items keep arriving, so the callers just answered can come back with their next item and
/// the batch stays about as full as the last one.
/// </para>
/// <para>
/// Failure isolation: if the writer throws for a batch of several items, each item is written again in a batch of its
/// own, so only the item that caused the failure fails (with its exception); the writer must therefore be safe to call
/// again for items of a batch that rolled back. The writer returns one result per item, in order.
/// </para>
/// <para>
/// Cancellation: a caller whose token is cancelled while its item is still waiting withdraws it (the item is never
/// given to the writer) and gets <see cref="OperationCanceledException"/>; once the item is in a batch, the caller
/// waits for its result (a batch is short, and its outcome must not depend on a caller leaving).
/// </para>
/// </summary>
public sealed class GroupCommit<TItem, TResult>
{
    private readonly Func<IReadOnlyList<TItem>, Task<IReadOnlyList<TResult>>> write;
    private readonly Func<Task>? idle;
    private readonly ILogger? logger;
    private readonly ConcurrentQueue<Entry> queue = new();

    /// <summary>1 while the drain loop runs (or is held), else 0.</summary>
    private int draining;
    private int held;
    private long batches;
    private long busyTicks;

    /// <param name="write">Writes one batch (one transaction) and returns each item's result in order; may throw.</param>
    /// <param name="maxBatch">At most this many items per batch.</param>
    /// <param name="logger">Told when a batch failed and is retried item by item.</param>
    /// <param name="idle">
    /// Called by the drain loop when it finds the queue empty, before it stops (e.g. to let go of a connection the writer
    /// keeps while batches keep coming); the writer and this callback never run at the same time.
    /// </param>
    public GroupCommit(Func<IReadOnlyList<TItem>, Task<IReadOnlyList<TResult>>> write, int maxBatch = 256, ILogger? logger = null, Func<Task>? idle = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        this.write = write;
        this.idle = idle;
        this.logger = logger;
        MaxBatch = maxBatch;
    }

    public int MaxBatch { get; }

    /// <summary>How many batches the writer was given (retries of single items included).</summary>
    public long Batches => Interlocked.Read(ref batches);

    /// <summary>How long the drain loop spent writing and answering (the serial part).</summary>
    public TimeSpan Busy => System.Diagnostics.Stopwatch.GetElapsedTime(0, Interlocked.Read(ref busyTicks));

    /// <summary>Items queued and not yet taken into a batch (withdrawn ones included until the loop skips them).</summary>
    public int Queued => queue.Count;

    /// <summary>True when nothing is queued and no drain loop runs.</summary>
    public bool IsIdle => queue.IsEmpty && Volatile.Read(ref draining) == 0;

    /// <summary>Queues the item and waits for its result (see the class notes on cancellation and failures).</summary>
    public Task<TResult> SubmitAsync(TItem item, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        var entry = new Entry(item);
        queue.Enqueue(entry);
        StartIfIdle();
        if (!ct.CanBeCanceled)
        {
            return entry.Done.Task;
        }

        return WaitAsync(entry, ct);
    }

    private static async Task<TResult> WaitAsync(Entry entry, CancellationToken ct)
    {
        using (ct.UnsafeRegister(static (e, token) => ((Entry)e!).Withdraw(token), entry))
        {
            return await entry.Done.Task;
        }
    }

    /// <summary>
    /// Tests: while held, items queue but no batch starts; disposing starts one drain loop, whose first batch holds
    /// everything queued meanwhile (up to <see cref="MaxBatch"/>). Waits for a running loop to finish first.
    /// </summary>
    public IDisposable Hold()
    {
        SpinWait.SpinUntil(() => Interlocked.CompareExchange(ref draining, 1, 0) == 0);
        Volatile.Write(ref held, 1);
        return new Release(this);
    }

    private sealed class Release(GroupCommit<TItem, TResult> owner) : IDisposable
    {
        private int done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref done, 1) == 0)
            {
                Volatile.Write(ref owner.held, 0);
                _ = Task.Run(owner.DrainAsync, CancellationToken.None);
            }
        }
    }

    private void StartIfIdle()
    {
        if (Interlocked.CompareExchange(ref draining, 1, 0) == 0)
        {
            _ = Task.Run(DrainAsync, CancellationToken.None);
        }
    }

    private async Task DrainAsync()
    {
        var last = 0;
        while (true)
        {
            while (!queue.IsEmpty)
            {
                // The callers just answered are still coming back with their next items: let them queue first, so the
                // next batch is about as full as the last, yielding a few times while more keep arriving.
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

                var batch = new List<Entry>(Math.Min(MaxBatch, queue.Count));
                while (batch.Count < MaxBatch && queue.TryDequeue(out var e))
                {
                    if (e.Take())
                    {
                        batch.Add(e);
                    }
                }

                if (batch.Count == 0)
                {
                    continue; // only withdrawn items
                }

                last = batch.Count;
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                try
                {
                    await WriteAsync(batch);
                }
                catch (Exception ex)
                {
                    // WriteAsync answers every failure itself; anything else must not leave the loop marked running.
                    logger?.LogError(ex, "a group commit stopped on an unexpected error");
                    foreach (var e in batch)
                    {
                        e.Done.TrySetException(ex);
                    }
                }
                finally
                {
                    Interlocked.Add(ref busyTicks, System.Diagnostics.Stopwatch.GetTimestamp() - started);
                }
            }

            if (idle is not null)
            {
                try
                {
                    await idle();
                }
                catch (Exception ex)
                {
                    logger?.LogError(ex, "a group commit's idle callback failed");
                }
            }

            // Stop, unless an item was queued after the queue looked empty while its caller saw this loop still running.
            Volatile.Write(ref draining, 0);
            if (queue.IsEmpty || Volatile.Read(ref held) == 1 || Interlocked.CompareExchange(ref draining, 1, 0) != 0)
            {
                return;
            }
        }
    }

    /// <summary>Writes one batch and answers its callers; never throws (a failure is each caller's answer).</summary>
    private async Task WriteAsync(List<Entry> batch)
    {
        try
        {
            var results = await CallAsync(batch);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Done.TrySetResult(results[i]);
            }

            return;
        }
        catch (Exception ex) when (batch.Count > 1)
        {
            // Fall through: one batch each, so the failure lands on the item that caused it.
            logger?.LogWarning(ex, "a group commit batch of {Count} items failed; writing them one by one", batch.Count);
        }
        catch (Exception ex)
        {
            batch[0].Done.TrySetException(ex);
            return;
        }

        foreach (var e in batch)
        {
            try
            {
                e.Done.TrySetResult((await CallAsync([e]))[0]);
            }
            catch (Exception ex)
            {
                e.Done.TrySetException(ex);
            }
        }
    }

    private async Task<IReadOnlyList<TResult>> CallAsync(List<Entry> batch)
    {
        Interlocked.Increment(ref batches);
        var items = new TItem[batch.Count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = batch[i].Item;
        }

        var results = await write(items);
        if (results.Count != items.Length)
        {
            throw new InvalidOperationException($"the batch writer returned {results.Count} results for {items.Length} items");
        }

        return results;
    }

    private sealed class Entry(TItem item)
    {
        private int state; // 0 waiting, 1 taken into a batch, 2 withdrawn by its caller

        public TItem Item => item;

        public TaskCompletionSource<TResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Take() => Interlocked.CompareExchange(ref state, 1, 0) == 0;

        public void Withdraw(CancellationToken token)
        {
            if (Interlocked.CompareExchange(ref state, 2, 0) == 0)
            {
                Done.TrySetCanceled(token);
            }
        }
    }
}

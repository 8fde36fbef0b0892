using System.Collections.Concurrent;
using Qingshan.Data;

namespace Qingshan.Tests.Data;

/// <summary>
/// The generic group commit (<see cref="GroupCommit{TItem, TResult}"/>): one drain loop, each caller answered with its
/// own result, a failing batch retried item by item so only the culprit fails, withdrawn items never written.
/// </summary>
public sealed class GroupCommitTests
{
    [Fact]
    public async Task Items_queued_while_held_go_in_one_batch_in_order_and_each_caller_gets_its_own_result()
    {
        var batches = new ConcurrentQueue<int[]>();
        var commit = new GroupCommit<int, string>(batch =>
        {
            batches.Enqueue([.. batch]);
            return Task.FromResult<IReadOnlyList<string>>(batch.Select(i => "r" + i).ToList());
        }, maxBatch: 3);

        Task<string>[] sent;
        using (commit.Hold())
        {
            sent = [.. Enumerable.Range(1, 5).Select(i => commit.SubmitAsync(i))];
            Assert.Equal(5, commit.Queued);
            await Task.Delay(50);
            Assert.Empty(batches); // held: nothing written
        }

        Assert.Equal(["r1", "r2", "r3", "r4", "r5"], await Task.WhenAll(sent));
        Assert.Equal([[1, 2, 3], [4, 5]], batches.ToArray()); // MaxBatch, arrival order
        Assert.Equal(2, commit.Batches);
        await WaitIdleAsync(commit);
    }

    [Fact]
    public async Task The_idle_callback_runs_when_the_queue_is_empty_never_while_a_batch_is_written()
    {
        var log = new ConcurrentQueue<string>();
        var writing = 0;
        var overlapped = false;
        var commit = new GroupCommit<int, int>(async batch =>
        {
            Interlocked.Increment(ref writing);
            log.Enqueue("write " + string.Join(",", batch));
            await Task.Delay(20);
            Interlocked.Decrement(ref writing);
            return batch.Select(i => i).ToList();
        }, idle: () =>
        {
            overlapped |= Volatile.Read(ref writing) != 0;
            log.Enqueue("idle");
            return Task.CompletedTask;
        });

        Task<int>[] sent;
        using (commit.Hold())
        {
            sent = [.. Enumerable.Range(1, 3).Select(i => commit.SubmitAsync(i))];
        }

        await Task.WhenAll(sent);
        await WaitIdleAsync(commit);
        Assert.Equal(["write 1,2,3", "idle"], log.ToArray());

        // The next caller starts a new drain loop, which goes idle again after its batch.
        Assert.Equal(4, await commit.SubmitAsync(4));
        await WaitIdleAsync(commit);
        Assert.Equal(["write 1,2,3", "idle", "write 4", "idle"], log.ToArray());
        Assert.False(overlapped, "the idle callback ran while a batch was being written");
    }

    [Fact]
    public async Task A_failing_batch_is_retried_item_by_item_and_only_the_culprit_fails()
    {
        var calls = new ConcurrentQueue<int[]>();
        var commit = new GroupCommit<int, int>(batch =>
        {
            calls.Enqueue([.. batch]);
            if (batch.Contains(13))
            {
                throw new InvalidOperationException("unlucky " + string.Join(",", batch));
            }

            return Task.FromResult<IReadOnlyList<int>>(batch.Select(i => i * 10).ToList());
        });

        Task<int>[] sent;
        using (commit.Hold())
        {
            sent = [commit.SubmitAsync(12), commit.SubmitAsync(13), commit.SubmitAsync(14)];
        }

        Assert.Equal(120, await sent[0]);
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => sent[1]);
        Assert.Equal("unlucky 13", failure.Message);
        Assert.Equal(140, await sent[2]);
        Assert.Equal([[12, 13, 14], [12], [13], [14]], calls.ToArray());

        // The loop is not left marked running: the next item is written.
        Assert.Equal(70, await commit.SubmitAsync(7));
    }

    [Fact]
    public async Task A_caller_who_gives_up_while_waiting_withdraws_its_item_and_it_is_never_written()
    {
        var written = new ConcurrentQueue<int>();
        var commit = new GroupCommit<int, int>(batch =>
        {
            foreach (var i in batch)
            {
                written.Enqueue(i);
            }

            return Task.FromResult<IReadOnlyList<int>>([.. batch]);
        });

        using var giveUp = new CancellationTokenSource();
        Task<int> kept, withdrawn;
        using (commit.Hold())
        {
            kept = commit.SubmitAsync(1);
            withdrawn = commit.SubmitAsync(2, giveUp.Token);
            await giveUp.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => withdrawn);
        }

        Assert.Equal(1, await kept);
        await WaitIdleAsync(commit);
        Assert.Equal([1], written.ToArray());
        Assert.Equal(0, commit.Queued);
    }

    [Fact]
    public async Task Once_in_a_batch_an_item_is_written_and_its_caller_answered_even_if_it_gives_up_meanwhile()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var proceed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var commit = new GroupCommit<int, int>(async batch =>
        {
            entered.TrySetResult();
            await proceed.Task;
            return [.. batch.Select(i => -i)];
        });

        using var giveUp = new CancellationTokenSource();
        var sent = commit.SubmitAsync(5, giveUp.Token);
        await entered.Task;
        await giveUp.CancelAsync();
        proceed.SetResult();
        Assert.Equal(-5, await sent);
    }

    [Fact]
    public async Task Many_concurrent_callers_each_get_their_own_answer_from_batches_of_several()
    {
        var inFlight = 0;
        var overlap = false;
        var commit = new GroupCommit<int, int>(async batch =>
        {
            overlap |= Interlocked.Increment(ref inFlight) > 1;
            await Task.Delay(2);
            Interlocked.Decrement(ref inFlight);
            return [.. batch.Select(i => i + 1)];
        });

        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(c => Task.Run(async () =>
        {
            var mine = new List<int>();
            for (var k = 0; k < 20; k++)
            {
                mine.Add(await commit.SubmitAsync((c * 1000) + k) - 1 - ((c * 1000) + k));
            }

            return mine;
        })));

        Assert.All(results, r => Assert.All(r, d => Assert.Equal(0, d)));
        Assert.False(overlap, "two batches were written at once");
        Assert.True(commit.Batches < 64 * 20 / 2, $"{commit.Batches} batches for {64 * 20} items: not grouped");
        await WaitIdleAsync(commit);
    }

    private static async Task WaitIdleAsync<TItem, TResult>(GroupCommit<TItem, TResult> commit)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (!commit.IsIdle)
        {
            Assert.True(DateTime.UtcNow < until, "the drain loop did not stop");
            await Task.Delay(5);
        }
    }
}

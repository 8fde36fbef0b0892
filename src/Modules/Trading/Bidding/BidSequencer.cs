using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Qingshan.Data;
using Qingshan.Kernel;
using Qingshan.Trading.Data;
using Qingshan.Trading.Deals;

namespace Qingshan.Trading.Bidding;

/// <summary>
/// Group commit for bids (issue 5). Every bid of one auction serialises on its deal anyway (one highest bid, gap-free
/// sequences), so instead of one transaction + lock + several round trips per bid, the bids waiting for a deal are
/// judged together: per deal one drain loop (a <see cref="GroupCommit{TItem, TResult}"/>; callers await only their own
/// answer; the lane goes when it has had no caller for <see cref="TradingOptions.BidLaneLinger"/>) takes whatever is waiting (up to <see cref="MaxBatch"/>) and in ONE
/// transaction takes the deal lock (advisory lock on PostgreSQL, BEGIN IMMEDIATE on SQLite — kept, so several app
/// instances stay correct: this queue only orders bids inside one process), loads the deal (or uses the one it kept, if
/// still current), the batch's bidders and their earlier bids under the batch's client request ids (the replays), judges each bid in arrival
/// order in memory with <see cref="Deal.PlaceBid"/> at the server time read under the lock, and writes all bids, history
/// lines and outbox messages (in bulk, <see cref="BulkInsert"/>) and the deal's changed columns in one statement batch. Each caller gets its receipt only after
/// that commit: an acknowledged bid is never lost.
/// <para>
/// Per bid, with that bid's own <see cref="Actor"/>: region scope (a deal outside it is not found), the holder binding,
/// and the actor recorded on its history line and outbox message. If a batch throws, its bids are retried one at a
/// time, so one bad bid cannot fail the others. A bid not taken up within <see cref="TradingOptions.BidQueueTimeout"/> is refused with
/// <c>trading.bid.store_busy</c> and is not on record (resending the same client request id is safe). A caller who gives
/// up before its bid is taken leaves the queue; once taken, the bid is judged and recorded like any other (a replay of
/// its client request id returns it), its caller waits for that answer, and the batch is not disturbed.
/// </para>
/// </summary>
public sealed class BidSequencer : IAsyncDisposable, IDisposable
{
    /// <summary>The most bids judged in one transaction.</summary>
    public const int MaxBatch = 256;

    /// <summary>How often lanes idle for longer than <see cref="TradingOptions.BidLaneLinger"/> are looked for.</summary>
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<Guid, Lane> lanes = new();
    private readonly ILogger logger;
    private readonly IServiceScopeFactory scopeFactory;
    private readonly TimeProvider clock;
    private readonly Microsoft.Extensions.Options.IOptions<TradingOptions> options;
    private readonly ITimer sweeper;

    public BidSequencer(IServiceScopeFactory scopes, TimeProvider clock, Microsoft.Extensions.Options.IOptions<TradingOptions> options, ILogger<BidSequencer> log)
    {
        (scopeFactory, this.clock, this.options, logger) = (scopes, clock, options, log);
        // Wall clock (an operational matter, like the queue timeout): a test's fake clock must not hold lanes forever.
        sweeper = TimeProvider.System.CreateTimer(static self => ((BidSequencer)self!).Sweep(), this, SweepInterval, SweepInterval);
    }

    /// <summary>Queues a bid on its deal and waits for its receipt (or refusal) after its batch committed.</summary>
    internal async Task<Result<BidReceipt>> SubmitAsync(PlaceBid request, Actor actor, CancellationToken ct)
    {
        var pending = new Pending(request, actor);
        var lane = Enter(request.DealId);
        try
        {
            // A bid not taken into a batch within the queue timeout is withdrawn (never judged, not on record).
            using var timeout = ct.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(ct) : new CancellationTokenSource();
            timeout.CancelAfter(options.Value.BidQueueTimeout);
            try
            {
                return await lane.Commit.SubmitAsync(pending, timeout.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                return TradingErrors.StoreBusy();
            }
        }
        finally
        {
            lane.Exit();
        }
    }

    /// <summary>
    /// The deal's lane, entered (counted as in use). A lane lives while it has users and for
    /// <see cref="TradingOptions.BidLaneLinger"/> after the last one left (<see cref="Sweep"/>), so closed auctions leave
    /// nothing behind. A retired lane is never entered again: a caller who met it takes a new one (only ever one live
    /// lane per deal, so one drain loop per deal in this process).
    /// </summary>
    private Lane Enter(Guid dealId)
    {
        while (true)
        {
            var lane = lanes.GetOrAdd(dealId, static (id, self) => new Lane(self.JudgeAsync, id, self.scopeFactory, self.logger), this);
            if (lane.TryEnter())
            {
                return lane;
            }

            lanes.TryRemove(new KeyValuePair<Guid, Lane>(dealId, lane)); // retired: make room for the next one
        }
    }

    /// <summary>
    /// Retires the lanes nobody has used for <see cref="TradingOptions.BidLaneLinger"/> (runs every
    /// <see cref="SweepInterval"/>; tests call it directly). A retired lane lets go of its scope and connection once its
    /// drain loop has stopped.
    /// </summary>
    internal void Sweep()
    {
        foreach (var lane in Retire(options.Value.BidLaneLinger))
        {
            _ = lane.CloseAsync(logger);
        }
    }

    /// <summary>Retires and removes the lanes nobody has used for <paramref name="linger"/>.</summary>
    private List<Lane> Retire(TimeSpan linger)
    {
        var retired = new List<Lane>();
        foreach (var (dealId, lane) in lanes)
        {
            if (lane.TryRetire(linger))
            {
                lanes.TryRemove(new KeyValuePair<Guid, Lane>(dealId, lane));
                retired.Add(lane);
            }
        }

        return retired;
    }

    /// <summary>Tests and diagnostics: how many deals have a lane (one per deal with recent bids).</summary>
    internal int Lanes => lanes.Count;

    public async ValueTask DisposeAsync()
    {
        await sweeper.DisposeAsync();
        foreach (var lane in Retire(TimeSpan.Zero))
        {
            await lane.CloseAsync(logger);
        }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>
    /// Tests: while held, bids queue on the deal but no batch starts; releasing starts one batch with all of them (up
    /// to <see cref="MaxBatch"/>), so a test can put chosen bids into one transaction.
    /// </summary>
    internal IAsyncDisposable Hold(Guid dealId)
    {
        var lane = Enter(dealId);
        var held = lane.Commit.Hold();
        return new Release(() =>
        {
            held.Dispose();
            lane.Exit();
        });
    }

    /// <summary>Tests: keeps the deal's lane (and so the deal it keeps between batches) alive until disposed.</summary>
    internal IAsyncDisposable Keep(Guid dealId)
    {
        var lane = Enter(dealId);
        return new Release(lane.Exit);
    }

    /// <summary>Tests: how many bids wait on the deal (including ones their callers gave up, until a batch skips them).</summary>
    internal int Queued(Guid dealId) => lanes.TryGetValue(dealId, out var lane) ? lane.Commit.Queued : 0;

    private sealed class Release(Action release) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            release();
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>One deal's group commit, the count of its users (-1: retired) and since when it has had none.</summary>
    private sealed class Lane
    {
        private readonly WriterScope<TradingDb> writer;
        private int users;
        private long idleSince = System.Diagnostics.Stopwatch.GetTimestamp();

        public Lane(Func<TradingDb, Guid, KeptDeal, IReadOnlyList<Pending>, Task<Result<BidReceipt>[]>> judge, Guid dealId, IServiceScopeFactory scopes, ILogger log)
        {
            // The lane's drain loop keeps its scope (context, open connection) for the lane's life, not only while bids
            // keep coming: between bursts the loop stops, and the next burst starts it again on the same scope.
            writer = new WriterScope<TradingDb>(scopes);
            var kept = new KeptDeal();
            Commit = new(batch => writer.RunAsync<IReadOnlyList<Result<BidReceipt>>>(async (_, db) => await judge(db, dealId, kept, batch)), MaxBatch, log);
        }

        public GroupCommit<Pending, Result<BidReceipt>> Commit { get; }

        public bool TryEnter()
        {
            for (var u = Volatile.Read(ref users); u >= 0; u = Volatile.Read(ref users))
            {
                if (Interlocked.CompareExchange(ref users, u + 1, u) == u)
                {
                    return true;
                }
            }

            return false;
        }

        public void Exit()
        {
            if (Interlocked.Decrement(ref users) == 0)
            {
                Volatile.Write(ref idleSince, System.Diagnostics.Stopwatch.GetTimestamp());
            }
        }

        /// <summary>Retires the lane if nobody has used it for <paramref name="linger"/>; a retired lane is never entered again.</summary>
        public bool TryRetire(TimeSpan linger) =>
            Volatile.Read(ref users) == 0
            && System.Diagnostics.Stopwatch.GetElapsedTime(Volatile.Read(ref idleSince)) >= linger
            && Interlocked.CompareExchange(ref users, -1, 0) == 0;

        /// <summary>
        /// After retiring: lets go of the scope once the drain loop has stopped (every bid was answered before its caller
        /// left, but the loop may still be on its way out; no bid can reach a retired lane, so it does not start again).
        /// </summary>
        public async Task CloseAsync(ILogger log)
        {
            try
            {
                while (!Commit.IsIdle)
                {
                    await Task.Delay(1);
                }

                await writer.DropAsync();
            }
            catch (Exception ex)
            {
                log.LogError(ex, "a retired bid lane could not let go of its scope");
            }
        }
    }

    /// <summary>
    /// One transaction for the batch; sets every caller's reply only after the commit. The batch's new rows (bids,
    /// history lines, outbox messages) are written untracked with <see cref="BulkInsert"/>: through change tracking they
    /// cost more than the database (perf: EF's SaveChanges was the largest part of a judged bid). The deal stays tracked;
    /// its changed columns are written by EF's own mappings (what SaveChanges would write) in the same statement batch as
    /// the rows: on PostgreSQL the batch's writes are one round trip, and the round trips under the deal lock are what
    /// a batch waits for there.
    /// </summary>
    private async Task<Result<BidReceipt>[]> JudgeAsync(TradingDb db, Guid dealId, KeptDeal kept, IReadOnlyList<Pending> batch)
    {
        // The deal as the lane's last batch left it: used again if its version is still the stored one; taken now, and
        // put back only once this batch committed (a batch that throws leaves nothing behind).
        var (keptDeal, keptBidders) = (kept.Deal, kept.Bidders);
        (kept.Deal, kept.Bidders) = (null, null);
        // No savepoint around the save (EF's default inside a transaction): a failed batch rolls back whole and is
        // retried bid by bid, and on PostgreSQL SAVEPOINT and RELEASE are two more round trips under the deal lock.
        db.Database.AutoSavepointsEnabled = false;
        var replies = new Result<BidReceipt>[batch.Count];

        // No caller's token: a caller who gives up must not roll back the others' bids.
        var ct = CancellationToken.None;
        await using (var tx = await DealUnit.BeginAsync(db, ct))
        {
            var (version, replays) = await LockAndReadAsync(db, dealId, batch, ct);
            var q = BatchQueries.For(db);
            Deal? deal = null;
            // Read only: judging a bid changes the deal, never its bidders. Kept with the deal: every save that changes
            // a bidder raises its deal's version (TradingDb), so an unchanged version vouches for both.
            Dictionary<Guid, Bidder>? bidders = null;
            if (version is not null && keptDeal?.Version == version)
            {
                db.Deals.Attach(keptDeal); // unchanged since: no need to read its wide row and owned rows again
                (deal, bidders) = (keptDeal, keptBidders);
            }
            else if (version is not null)
            {
                deal = await q.DealById(db, dealId);
            }

            bidders ??= [];
            var missing = batch.Select(p => p.Request.BidderId).Distinct().Where(id => !bidders.ContainsKey(id)).ToList();
            if (deal is not null && missing.Count > 0)
            {
                await foreach (var b in q.BiddersOf(db, dealId, missing))
                {
                    bidders[b.Id] = b;
                }
            }

            var known = new Dictionary<(Guid BidderId, string ClientRequestId), Bid>(batch.Count);
            foreach (var b in replays)
            {
                known[(b.BidderId, b.ClientRequestId)] = b;
            }

            var bids = new List<Bid>(batch.Count);
            var lines = new List<DealHistoryEntry>(batch.Count);
            var messages = new List<OutboxMessage>(batch.Count);
            for (var i = 0; i < batch.Count; i++)
            {
                var (request, actor) = (batch[i].Request, batch[i].Actor);
                if (deal is null || !actor.Scope.Includes(deal.RegionCode))
                {
                    replies[i] = TradingErrors.DealNotFound(dealId.ToString());
                    continue;
                }

                if (!bidders.TryGetValue(request.BidderId, out var bidder))
                {
                    replies[i] = TradingErrors.BidderNotFound(request.BidderId.ToString());
                    continue;
                }

                // A bid is the holder's own act: only an account bound to that holder may place it (not recorded as a bid).
                if (TradingPermissions.MustActForHolder(actor) && !actor.ActsFor(bidder.HolderId))
                {
                    replies[i] = TradingErrors.NotActingForHolder();
                    continue;
                }

                // A replay, also of a bid earlier in this very batch: the first receipt, no second bid.
                if (known.TryGetValue((request.BidderId, request.ClientRequestId), out var first))
                {
                    replies[i] = new BidReceipt(first.Id, first.Sequence, first.Amount, first.At, first.Refusal, deal.AuctionEndsAt, Replayed: true);
                    continue;
                }

                var now = clock.GetUtcNow();
                var judged = deal.PlaceBid(bidder, request.Amount, now);
                var bid = new Bid(deal.Id, bidder.Id, request.ClientRequestId, request.Amount, now, deal.Round, judged.Error, deal.NextBidSequence());
                bids.Add(bid);
                // This bid's history line and outbox message name its own actor, not the batch's system actor.
                var (line, message) = DealUnit.NoteRows(deal, now, judged.IsSuccess ? TradingEvents.BidAccepted : TradingEvents.BidRefused, judged.Error?.Code,
                    new { deal.Code, Bid = bid.Id, Bidder = bidder.Id, AmountFen = request.Amount.Fen, bid.Sequence, Refusal = judged.Error?.Code, deal.AuctionEndsAt }, actor);
                lines.Add(line);
                messages.Add(message);
                known[(bid.BidderId, bid.ClientRequestId)] = bid;
                replies[i] = new BidReceipt(bid.Id, bid.Sequence, bid.Amount, now, judged.Error, deal.AuctionEndsAt, Replayed: false);
            }

            if (bids.Count > 0)
            {
                // Judging a bid queues no state change: anything in deal.Changes would be a transition that belongs in
                // a DealUnit step with its own history line, not a bid batch.
                if (deal!.Changes.Count > 0)
                {
                    throw new InvalidOperationException($"judging bids moved deal {deal.Code}: {string.Join(", ", deal.Changes.Select(c => c.Action))}");
                }

                deal.NextVersion();
                await db.InsertAllAndUpdateAsync(bids, lines, messages, deal, ct); // and the deal: highest bid, bid sequence, deadline, version
                await tx.CommitAsync(ct);
            }

            (kept.Deal, kept.Bidders) = (deal, bidders);
        }

        return replies;
    }

    /// <summary>
    /// Takes the deal lock and reads the deal's <see cref="Deal.Version"/> (null: no such deal) and the batch's earlier
    /// submissions, looked up by their exact (bidder, client request id) pairs (<see cref="Pairs"/>): one probe of the
    /// unique (bidder, client request id) index per pair, whatever the planner's statistics say. On PostgreSQL this is the
    /// lock's round trip. An <c>IN</c> list per column, or the deal in every term, left PostgreSQL free to walk every bid
    /// of the deal and filter, and while an auction fills the table faster than ANALYZE catches up, it did: the look-up
    /// grew from 1 to 8 ms per batch within a minute of bidding. Joined to the bidders read with every request id for
    /// every bidder, it probed the index bidders × request ids times, each probe comparing text under the database's
    /// collation: 2.7 ms per batch on PostgreSQL, against 0.07 ms for the exact pairs. Plain SQL read into
    /// <see cref="Bid.Stored"/> on both stores: through EF, each batch size was a query of its own, compiled on first sight.
    /// On SQLite the command for each number of pairs is kept with the lane's connection (<see cref="KeptStatements"/>).
    /// </summary>
    private static async Task<(long? Version, List<Bid> Replays)> LockAndReadAsync(TradingDb db, Guid dealId, IReadOnlyList<Pending> batch, CancellationToken ct)
    {
        var bid = db.Model.FindEntityType(typeof(Bid))!;
        var (id, bidder, request) = (db.Model.FindEntityType(typeof(Deal))!.FindProperty(nameof(Deal.Id))!, bid.FindProperty(nameof(Bid.BidderId))!, bid.FindProperty(nameof(Bid.ClientRequestId))!);
        var pairs = Pairs(batch);
        var values = new (Microsoft.EntityFrameworkCore.Metadata.IProperty Property, string Name, object Value)[1 + (2 * pairs.Count)];
        values[0] = (id, "@id", dealId);
        for (var i = 0; i < pairs.Count; i++)
        {
            values[1 + (2 * i)] = (bidder, "@b" + i, pairs[i].BidderId);
            values[2 + (2 * i)] = (request, "@r" + i, pairs[i].ClientRequestId);
        }

        // SQLite: the statement for this many pairs is kept with the lane's connection (prepared once, only its values
        // change). PostgreSQL: a new command per batch, the lock statement in front of it (one round trip).
        var sqlite = !db.Database.IsNpgsql();
        DbCommand command;
        if (sqlite)
        {
            command = KeptStatements.Take(db, (typeof(BidSequencer), pairs.Count), () => ReplaySql(pairs.Count), AddParameters);
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters[i].Value = KeptStatements.ProviderValue(values[i].Property.GetRelationalTypeMapping(), values[i].Value);
            }
        }
        else
        {
            command = db.CommandInTransaction(ReplaySql(pairs.Count));
            AddParameters(command);
        }

        try
        {
            await using var reader = await DbLocks.AcquireThenReadAsync(db, DealUnit.LockKey(dealId), command, ct);
            long? version = await reader.ReadAsync(ct) ? reader.GetInt64(0) : null;
            await reader.NextResultAsync(ct);
            var replays = new List<Bid>();
            var at = bid.FindProperty(nameof(Bid.At))!.GetTypeMapping().Converter; // SQLite keeps instants as UTC ticks
            while (await reader.ReadAsync(ct))
            {
                replays.Add(Bid.Stored(reader.GetGuid(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetString(3), new Money(reader.GetInt64(4)),
                    at is null ? reader.GetFieldValue<DateTimeOffset>(5) : (DateTimeOffset)at.ConvertFromProvider(reader.GetValue(5))!,
                    reader.GetInt32(6), reader.IsDBNull(7) ? null : reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetString(8), reader.GetInt64(9)));
            }

            return (version, replays);
        }
        finally
        {
            if (!sqlite)
            {
                await command.DisposeAsync();
            }
        }

        // Parameters made by the columns' type mappings, as EF makes them.
        void AddParameters(DbCommand made)
        {
            foreach (var (property, name, value) in values)
            {
                made.Parameters.Add(property.GetRelationalTypeMapping().CreateParameter(made, name, value, nullable: false));
            }
        }
    }

    /// <summary>The deal's version, then the bids under the batch's (bidder, client request id) pairs (<c>@b{i}</c>, <c>@r{i}</c>).</summary>
    private static string ReplaySql(int pairs)
    {
        var sql = new System.Text.StringBuilder("SELECT version FROM trading_deals WHERE id = @id")
            .Append("; SELECT id, deal_id, bidder_id, client_request_id, amount, at, round, refusal_code, refusal_args, sequence FROM trading_bids WHERE ");
        for (var i = 0; i < pairs; i++)
        {
            sql.Append(i == 0 ? "" : " OR ").Append("(bidder_id = @b").Append(i).Append(" AND client_request_id = @r").Append(i).Append(')');
        }

        return sql.ToString();
    }

    /// <summary>A lane's deal and the bidders its batches read, between batches (only its drain loop touches it).</summary>
    private sealed class KeptDeal
    {
        public Deal? Deal { get; set; }

        public Dictionary<Guid, Bidder>? Bidders { get; set; }
    }

    /// <summary>The batch's distinct (bidder, client request id) pairs. A pair whose bidder is not the deal's finds nothing the batch uses: such a bid is refused before its replay is looked at.</summary>
    private static List<(Guid BidderId, string ClientRequestId)> Pairs(IReadOnlyList<Pending> batch) =>
        batch.Select(p => (p.Request.BidderId, p.Request.ClientRequestId)).Distinct().ToList();

    /// <summary>
    /// The batch's deal and bidders reads, compiled once per model: a batch is small and frequent, and EF's per-execution query
    /// pipeline (parameter extraction, cache look-up by expression tree) was a visible part of it. A compiled query binds
    /// to the first model it runs against, and one process may hold two (SQLite and PostgreSQL, as the test suites do).
    /// </summary>
    private sealed class BatchQueries
    {
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Microsoft.EntityFrameworkCore.Metadata.IModel, BatchQueries> ByModel = new();

        public static BatchQueries For(TradingDb db) => ByModel.GetValue(db.Model, static _ => new BatchQueries());

        public Func<TradingDb, Guid, Task<Deal?>> DealById { get; } =
            EF.CompileAsyncQuery((TradingDb db, Guid id) => db.Deals.IgnoreQueryFilters().FirstOrDefault(d => d.Id == id));

        public Func<TradingDb, Guid, List<Guid>, IAsyncEnumerable<Bidder>> BiddersOf { get; } =
            EF.CompileAsyncQuery((TradingDb db, Guid deal, List<Guid> ids) => db.Bidders.AsNoTracking().Where(b => b.DealId == deal && ids.Contains(b.Id)));
    }

    internal sealed record Pending(PlaceBid Request, Actor Actor);
}

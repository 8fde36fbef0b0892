using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Qingshan.Data;

/// <summary>
/// A transaction that holds the store's write lock from its first statement, for read-judge-write steps (a deal step,
/// a ledger transaction). PostgreSQL: an ordinary transaction (the caller adds an advisory lock with
/// <see cref="DbLocks"/>). SQLite: explicitly BEGIN IMMEDIATE, so the write lock is taken before anything is read — a
/// deferred transaction that read a stale snapshot fails on its first write under load.
/// Disposing it without commit rolls back, also the SQLite transaction we began ourselves (EF does not own it).
/// On SQLite the writers of one process also queue for the database file in process first (<see cref="SqliteWriteGate"/>):
/// a writer that meets SQLite's lock held by another connection is retried by Microsoft.Data.Sqlite after a blocking
/// 150 ms sleep, which is far longer than the group commits and audit batches that hold it.
/// </summary>
public sealed class WriteTransaction : IAsyncDisposable
{
    private readonly IDbContextTransaction enlisted;
    private readonly System.Data.Common.DbTransaction? owned;
    private SemaphoreSlim? gate;

    private WriteTransaction(IDbContextTransaction enlisted, System.Data.Common.DbTransaction? owned, SemaphoreSlim? gate)
    {
        this.enlisted = enlisted;
        this.owned = owned;
        this.gate = gate;
    }

    public static async Task<WriteTransaction> BeginAsync(DbContext db, CancellationToken ct = default)
    {
        if (db.Database.IsNpgsql())
        {
            return new WriteTransaction(await db.Database.BeginTransactionAsync(ct), null, null);
        }

        var connection = (Microsoft.Data.Sqlite.SqliteConnection)db.Database.GetDbConnection();
        var gate = await SqliteWriteGate.EnterAsync(connection.ConnectionString, ct);
        try
        {
            await db.Database.OpenConnectionAsync(ct);
            var transaction = connection.BeginTransaction(System.Data.IsolationLevel.Serializable, deferred: false);
            var enlisted = await db.Database.UseTransactionAsync(transaction, ct) ?? throw new InvalidOperationException("EF did not enlist the transaction");
            return new WriteTransaction(enlisted, transaction, gate);
        }
        catch
        {
            gate.Release();
            throw;
        }
    }

    public Task CommitAsync(CancellationToken ct) => enlisted.CommitAsync(ct);

    public Task RollbackAsync(CancellationToken ct) => enlisted.RollbackAsync(ct);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await enlisted.DisposeAsync();
            if (owned is not null)
            {
                await owned.DisposeAsync();
            }
        }
        finally
        {
            Interlocked.Exchange(ref gate, null)?.Release();
        }
    }
}

/// <summary>
/// One writer at a time per SQLite database file within this process, queued in order without blocking a thread.
/// SQLite admits one writer anyway; across processes its file lock (and Microsoft.Data.Sqlite's retry) still decides.
/// </summary>
public static class SqliteWriteGate
{
    /// <summary>One gate per database file …</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    /// <summary>… found once per connection string (parsing it on every write transaction would sit on the hot path).</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> ByConnectionString = new(StringComparer.Ordinal);

    /// <summary>As long as Microsoft.Data.Sqlite's own default wait for a busy database.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static async Task<SemaphoreSlim> EnterAsync(string connectionString, CancellationToken ct)
    {
        var gate = ByConnectionString.GetOrAdd(connectionString, static cs => Gates.GetOrAdd(FileOf(cs), static _ => new SemaphoreSlim(1, 1)));
        if (!await gate.WaitAsync(Timeout, ct))
        {
            throw new TimeoutException($"SQLite database {FileOf(connectionString)}: another writer of this process held it for {Timeout.TotalSeconds:F0} s");
        }

        return gate;
    }

    private static string FileOf(string connectionString)
    {
        var source = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource;
        return source.Length == 0 || source.Contains(":memory:", StringComparison.Ordinal) || source.StartsWith("file:", StringComparison.Ordinal) ? source : Path.GetFullPath(source);
    }
}

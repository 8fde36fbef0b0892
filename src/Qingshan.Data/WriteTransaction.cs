using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Qingshan.Data;

/// <summary>
/// A transaction that holds the store's write lock from its first statement, for read-judge-write steps (a deal step,
/// a ledger transaction). PostgreSQL: an ordinary transaction (the caller adds an advisory lock with
/// <see cref="DbLocks"/>). SQLite: explicitly BEGIN IMMEDIATE, so the write lock is taken before anything is read — a
/// deferred transaction that read a stale snapshot fails on its first write under load.
/// Disposing it without commit rolls back, also the SQLite transaction we began ourselves (EF does not own it).
/// </summary>
public sealed class WriteTransaction : IAsyncDisposable
{
    private readonly IDbContextTransaction enlisted;
    private readonly System.Data.Common.DbTransaction? owned;

    private WriteTransaction(IDbContextTransaction enlisted, System.Data.Common.DbTransaction? owned)
    {
        this.enlisted = enlisted;
        this.owned = owned;
    }

    public static async Task<WriteTransaction> BeginAsync(DbContext db, CancellationToken ct = default)
    {
        if (db.Database.IsNpgsql())
        {
            return new WriteTransaction(await db.Database.BeginTransactionAsync(ct), null);
        }

        await db.Database.OpenConnectionAsync(ct);
        var connection = (Microsoft.Data.Sqlite.SqliteConnection)db.Database.GetDbConnection();
        var transaction = connection.BeginTransaction(System.Data.IsolationLevel.Serializable, deferred: false);
        var enlisted = await db.Database.UseTransactionAsync(transaction, ct) ?? throw new InvalidOperationException("EF did not enlist the transaction");
        return new WriteTransaction(enlisted, transaction);
    }

    public Task CommitAsync(CancellationToken ct) => enlisted.CommitAsync(ct);

    public Task RollbackAsync(CancellationToken ct) => enlisted.RollbackAsync(ct);

    public async ValueTask DisposeAsync()
    {
        await enlisted.DisposeAsync();
        if (owned is not null)
        {
            await owned.DisposeAsync();
        }
    }
}

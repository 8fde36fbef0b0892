using Microsoft.EntityFrameworkCore;

namespace Qingshan.Data;

/// <summary>
/// Serialises check-then-write sequences (no two overlapping plots, one winner per auction) inside the current
/// transaction. PostgreSQL: a transaction-scoped advisory lock on the key. SQLite: the transaction itself is
/// BEGIN IMMEDIATE (Microsoft.Data.Sqlite's default), which already admits one writer at a time.
/// </summary>
public static class DbLocks
{
    public static async Task AcquireAsync(DbContext db, string key, CancellationToken ct = default)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A lock is taken inside a transaction.");
        }

        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({key}, 0))", ct);
        }
    }
}

using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace Qingshan.Data;

/// <summary>
/// Serialises check-then-write sequences (no two overlapping plots, one winner per auction) inside the current
/// transaction. PostgreSQL: a transaction-scoped advisory lock on the key. SQLite: the transaction itself is
/// BEGIN IMMEDIATE (Microsoft.Data.Sqlite's default), which already admits one writer at a time.
/// </summary>
public static class DbLocks
{
    /// <summary>
    /// The one lock statement of both entry points: a key must hash the same way whichever takes it, or a lock taken by
    /// one would not exclude the other.
    /// </summary>
    private const string LockStatement = "SELECT pg_advisory_xact_lock(hashtextextended(@lock_key, 0))";

    public static async Task AcquireAsync(DbContext db, string key, CancellationToken ct = default)
    {
        RequireTransaction(db);
        if (db.Database.IsNpgsql())
        {
            await using var command = db.CommandInTransaction(LockStatement);
            AddKey(command, key);
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>
    /// Takes the lock, then runs <paramref name="query"/> (a command in the current transaction, parameters not named
    /// <c>@lock_key</c>) and returns its reader. PostgreSQL: the lock and the query go in one round trip; the query is a
    /// statement of its own, so it reads with a snapshot taken after the lock is held.
    /// </summary>
    public static async Task<DbDataReader> AcquireThenReadAsync(DbContext db, string key, DbCommand query, CancellationToken ct = default)
    {
        RequireTransaction(db);
        if (!db.Database.IsNpgsql())
        {
            return await query.ExecuteReaderAsync(ct);
        }

        AddKey(query, key);
        query.CommandText = LockStatement + ";" + query.CommandText;
        var reader = await query.ExecuteReaderAsync(ct);
        await reader.NextResultAsync(ct);
        return reader;
    }

    private static void RequireTransaction(DbContext db)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A lock is taken inside a transaction.");
        }
    }

    private static void AddKey(DbCommand command, string key)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@lock_key";
        parameter.Value = key;
        command.Parameters.Add(parameter);
    }
}

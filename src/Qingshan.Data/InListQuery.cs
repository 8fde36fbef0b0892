using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Qingshan.Data;

/// <summary>
/// Plain SQL on a context's connection, inside its current transaction (required), for the group commits' hot paths.
/// A plain SQL read with an <c>IN (…)</c> list of text keys, on a context's connection and inside its current transaction,
/// for the group commits' hot reads (the business keys and accounts of a batch). EF's LINQ pipeline costs ~10–20 times
/// what SQLite needs for such a read (parameter extraction, the collection parameter, command and reader set-up), and
/// these reads run inside the single writer's serial section. The SQL is the same on both stores (<c>@k0, @k1, …</c>).
/// </summary>
public static class InListQuery
{
    /// <summary>A command on the context's connection, enlisted in its current transaction (there must be one).</summary>
    public static DbCommand CommandInTransaction(this DbContext db, string? sql = null)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("this statement runs inside the caller's transaction");
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction;
        if (sql is not null)
        {
            command.CommandText = sql;
        }

        return command;
    }

    /// <summary>
    /// A command (in the current transaction) for <paramref name="sql"/> in which <c>{keys}</c> stands for the parenthesised parameter list of
    /// <paramref name="keys"/> (at least one key).
    /// </summary>
    public static DbCommand InListCommand(this DbContext db, string sql, IReadOnlyCollection<string> keys)
    {
        if (keys.Count == 0)
        {
            throw new ArgumentException("an IN list needs at least one key", nameof(keys));
        }

        var command = db.CommandInTransaction();
        var list = new StringBuilder(keys.Count * 6).Append('(');
        var n = 0;
        foreach (var key in keys)
        {
            var name = "@k" + n.ToString(CultureInfo.InvariantCulture);
            list.Append(n++ == 0 ? "" : ", ").Append(name);
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.DbType = System.Data.DbType.String;
            parameter.Value = key;
            command.Parameters.Add(parameter);
        }

        command.CommandText = sql.Replace("{keys}", list.Append(')').ToString(), StringComparison.Ordinal);
        return command;
    }
}

using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Qingshan.Data;

/// <summary>
/// SQLite: statements prepared once per open connection and kept with it, so a writer that keeps its connection (a group
/// commit's drain loop) does not parse and plan the same statements in every batch. Microsoft.Data.Sqlite prepares a
/// command's statements once and keeps them while the command lives, but the writers made a new command per batch: in
/// the bid lane's serial section (timing probe, closed loop, ~370 batches/s) preparing its INSERTs and its replay look-up
/// was a visible part of each batch. A kept command is moved into the caller's current transaction when taken and is
/// dropped when its connection closes. A connection is used by one caller at a time, so the per-connection table needs
/// no lock.
/// </summary>
public static class KeptStatements
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbConnection, Dictionary<object, DbCommand>> ByConnection = new();

    /// <summary>
    /// The command kept under <paramref name="key"/> on the context's connection, in the current transaction; made with
    /// <paramref name="sql"/> and <paramref name="addParameters"/> if there is none yet (a command whose parameters
    /// could not be made is not kept). The caller sets the parameters' values (<see cref="ProviderValue"/>) for each use.
    /// Never dispose the command: it belongs to the connection.
    /// </summary>
    public static DbCommand Take(DbContext db, object key, Func<string> sql, Action<DbCommand> addParameters)
    {
        var connection = db.Database.GetDbConnection();
        if (!ByConnection.TryGetValue(connection, out var statements))
        {
            statements = [];
            ByConnection.Add(connection, statements);
            connection.StateChange += static (sender, e) =>
            {
                if (e.CurrentState != System.Data.ConnectionState.Open && ByConnection.TryGetValue((DbConnection)sender!, out var kept))
                {
                    ByConnection.Remove((DbConnection)sender!);
                    foreach (var command in kept.Values)
                    {
                        command.Dispose();
                    }
                }
            };
        }

        if (statements.TryGetValue(key, out var found))
        {
            found.Transaction = db.Database.CurrentTransaction?.GetDbTransaction()
                ?? throw new InvalidOperationException("this statement runs inside the caller's transaction");
            return found;
        }

        var made = db.CommandInTransaction(sql());
        try
        {
            addParameters(made);
        }
        catch
        {
            made.Dispose();
            throw;
        }

        statements[key] = made;
        return made;
    }

    /// <summary>A value as a parameter made by <paramref name="mapping"/> holds it: converted to the store's type, as the mapping converts it.</summary>
    public static object ProviderValue(RelationalTypeMapping mapping, object? value) => value switch
    {
        null => DBNull.Value,
        _ when mapping.Converter is { } converter => converter.ConvertToProvider(value) ?? DBNull.Value,
        Enum e => Convert.ChangeType(e, e.GetTypeCode(), System.Globalization.CultureInfo.InvariantCulture),
        _ => value,
    };
}

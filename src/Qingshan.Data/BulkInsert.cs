using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Qingshan.Data;

/// <summary>
/// Bulk INSERTs of untracked entity instances, for hot write paths (group commits of postings, bids, audit entries)
/// where change tracking costs more than the database. The rows are written through EF's own mapping — table, column
/// names, value converters (SQLite's UTC ticks for DateTimeOffset, text Guids, enums as integers) and parameter types —
/// so they are exactly what SaveChanges would have written. Runs on the context's connection inside its current
/// transaction (required); the entities stay untracked. Flat entities only: owned types and complex properties are refused.
/// PostgreSQL gets multi-row INSERTs (a statement is a round trip). SQLite, in process, gets ONE single-row INSERT
/// prepared once per call and executed per row: SQLite binds parameters by name with a linear scan, so a multi-row
/// statement costs the square of its parameter count to bind, and its text must be parsed afresh for every row count.
/// </summary>
public static class BulkInsert
{
    /// <summary>Parameters per statement on PostgreSQL (it allows 65,535).</summary>
    private const int MaxParameters = 30_000;

    /// <summary>Rows per statement, so that statement text and preparation stay small.</summary>
    private const int MaxRows = 500;

    /// <summary>Inserts <paramref name="rows"/>; a store-generated key is left to the database and not read back.</summary>
    public static async Task InsertAsync<T>(this DbContext db, IReadOnlyList<T> rows, CancellationToken ct = default)
        where T : class
    {
        var table = Table.Of(db, typeof(T));
        if (!table.Postgres)
        {
            table.InsertEach(db, rows, ids: null);
            return;
        }

        foreach (var (offset, count) in table.Chunks(rows.Count))
        {
            await using var command = table.Command(db, rows, offset, count, returning: false);
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>
    /// Inserts <paramref name="rows"/> of an entity whose key is a store-generated <c>long</c> and returns the new keys
    /// in the order of <paramref name="rows"/>. Both stores number the rows of one INSERT in the order of its VALUES
    /// (SQLite: the next rowid each; PostgreSQL: one nextval per row as it is inserted), so the keys read back are
    /// sorted and handed out in that order, whatever order RETURNING yields them in.
    /// </summary>
    public static async Task<long[]> InsertReturningIdsAsync<T>(this DbContext db, IReadOnlyList<T> rows, CancellationToken ct = default)
        where T : class
    {
        var table = Table.Of(db, typeof(T));
        if (table.GeneratedKey is null)
        {
            throw new InvalidOperationException($"{typeof(T).Name} has no store-generated key to return");
        }

        var ids = new long[rows.Count];
        if (!table.Postgres)
        {
            table.InsertEach(db, rows, ids);
            return ids;
        }

        foreach (var (offset, count) in table.Chunks(rows.Count))
        {
            await using var command = table.Command(db, rows, offset, count, returning: true);
            var chunk = new List<long>(count);
            await using (var reader = await command.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    chunk.Add(reader.GetInt64(0));
                }
            }

            if (chunk.Count != count)
            {
                throw new InvalidOperationException($"{table.Name}: {count} rows inserted but {chunk.Count} keys returned");
            }

            chunk.Sort();
            chunk.CopyTo(ids, offset);
        }

        return ids;
    }

    private sealed class Table
    {
        /// <summary>One description per model and entity type (a context type's model is built once and shared).</summary>
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IModel, System.Collections.Concurrent.ConcurrentDictionary<Type, Table>> Cache = new();

        private Table(string name, IReadOnlyList<IProperty> columns, IProperty? generatedKey, bool postgres)
        {
            Name = name;
            Columns = columns;
            Getters = columns.Select(c => c.GetGetter()).ToArray();
            Mappings = columns.Select(c => c.GetRelationalTypeMapping()).ToArray();
            SqliteNames = columns.Select((_, i) => "$p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            ColumnList = string.Join(", ", columns.Select(c => Quote(c.GetColumnName())));
            InsertOne = $"INSERT INTO {Quote(name)} ({ColumnList}) VALUES ({string.Join(", ", SqliteNames)})";
            InsertOneReturning = generatedKey is null ? null : InsertOne + " RETURNING " + Quote(generatedKey.GetColumnName());
            GeneratedKey = generatedKey;
            Postgres = postgres;
        }

        public string Name { get; }

        public IReadOnlyList<IProperty> Columns { get; }

        private IClrPropertyGetter[] Getters { get; }

        private RelationalTypeMapping[] Mappings { get; }

        private string ColumnList { get; }

        /// <summary>Parameter names of the single-row statement, with the prefix as written in the SQL (Microsoft.Data.Sqlite otherwise tries each prefix per parameter).</summary>
        private string[] SqliteNames { get; }

        /// <summary>SQLite's single-row INSERT, written once per table (and with the generated key returned, when there is one).</summary>
        private string InsertOne { get; }

        private string? InsertOneReturning { get; }

        public IProperty? GeneratedKey { get; }

        public bool Postgres { get; }

        public static Table Of(DbContext db, Type clrType) =>
            Cache.GetOrCreateValue(db.Model).GetOrAdd(clrType, static (t, db) => Describe(db, t), db);

        private static Table Describe(DbContext db, Type clrType)
        {
            var entity = db.Model.FindEntityType(clrType) ?? throw new InvalidOperationException($"{clrType.Name} is not mapped by {db.GetType().Name}");
            if (entity.GetNavigations().Any(n => n.TargetEntityType.IsOwned()) || entity.GetComplexProperties().Any())
            {
                throw new NotSupportedException($"{clrType.Name} has owned or complex parts: bulk insert writes flat entities only");
            }

            var name = entity.GetTableName() ?? throw new InvalidOperationException($"{clrType.Name} has no table");
            var key = entity.FindPrimaryKey()?.Properties is [var only] && only.ValueGenerated.HasFlag(ValueGenerated.OnAdd) && only.ClrType == typeof(long)
                ? only
                : null;
            var columns = entity.GetProperties().Where(p => p != key).ToList();
            if (columns.FirstOrDefault(p => p.IsShadowProperty() || p.GetComputedColumnSql() is not null) is { } odd)
            {
                throw new NotSupportedException($"{clrType.Name}.{odd.Name} is a shadow or computed column: bulk insert writes what the instance holds");
            }

            return new Table(name, columns, key, db.Database.IsNpgsql());
        }

        public IEnumerable<(int Offset, int Count)> Chunks(int total)
        {
            var perStatement = Math.Max(1, Math.Min(MaxRows, MaxParameters / Math.Max(1, Columns.Count)));
            for (var offset = 0; offset < total; offset += perStatement)
            {
                yield return (offset, Math.Min(perStatement, total - offset));
            }
        }

        /// <summary>
        /// SQLite: one single-row INSERT, prepared once, executed per row (its parameters made afresh per row by the
        /// columns' type mappings, as SaveChanges makes them); with <paramref name="ids"/>, each row's new key is read back.
        /// Microsoft.Data.Sqlite's execution is synchronous, so this is too.
        /// </summary>
        public void InsertEach<T>(DbContext db, IReadOnlyList<T> rows, long[]? ids)
            where T : class
        {
            if (rows.Count == 0)
            {
                return;
            }

            using var command = db.CommandInTransaction(ids is null ? InsertOne : InsertOneReturning);
            command.Prepare();
            for (var r = 0; r < rows.Count; r++)
            {
                command.Parameters.Clear();
                for (var c = 0; c < Columns.Count; c++)
                {
                    command.Parameters.Add(Mappings[c].CreateParameter(command, SqliteNames[c], Getters[c].GetClrValueUsingContainingEntity(rows[r]), Columns[c].IsNullable));
                }

                if (ids is null)
                {
                    command.ExecuteNonQuery();
                }
                else
                {
                    ids[r] = Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
                }
            }
        }

        public DbCommand Command<T>(DbContext db, IReadOnlyList<T> rows, int offset, int count, bool returning)
            where T : class
        {
            var command = db.CommandInTransaction();
            var sql = new StringBuilder(64 + (count * Columns.Count * 6));
            sql.Append("INSERT INTO ").Append(Quote(Name)).Append(" (").Append(ColumnList).Append(") VALUES ");
            var n = 0;
            for (var r = 0; r < count; r++)
            {
                var row = rows[offset + r];
                sql.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < Columns.Count; c++)
                {
                    var name = "@p" + n++.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    sql.Append(c == 0 ? "" : ", ").Append(name);
                    var value = Getters[c].GetClrValueUsingContainingEntity(row);
                    command.Parameters.Add(Mappings[c].CreateParameter(command, name, value, Columns[c].IsNullable));
                }

                sql.Append(')');
            }

            if (returning)
            {
                sql.Append(" RETURNING ").Append(Quote(GeneratedKey!.GetColumnName()));
            }

            command.CommandText = sql.ToString();
            return command;
        }

        private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}

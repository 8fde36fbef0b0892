using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
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

    /// <summary>Inserts two tables' rows (in this order); on PostgreSQL in one round trip.</summary>
    public static Task InsertAllAsync<T1, T2>(this DbContext db, IReadOnlyList<T1> first, IReadOnlyList<T2> second, CancellationToken ct = default)
        where T1 : class
        where T2 : class
        => WriteAllAsync(db, [(typeof(T1), first), (typeof(T2), second)], updated: null, ct);

    /// <summary>
    /// Inserts three tables' rows (in this order), then writes the changed columns of <paramref name="updated"/>, an
    /// entity the context tracks (see <see cref="WriteAllAsync"/>); on PostgreSQL all in one round trip.
    /// </summary>
    public static Task InsertAllAndUpdateAsync<T1, T2, T3>(this DbContext db, IReadOnlyList<T1> first, IReadOnlyList<T2> second, IReadOnlyList<T3> third, object updated, CancellationToken ct = default)
        where T1 : class
        where T2 : class
        where T3 : class
        => WriteAllAsync(db, [(typeof(T1), first), (typeof(T2), second), (typeof(T3), third)], updated, ct);

    /// <summary>
    /// Several tables' rows, in order, and then the changed columns of one tracked entity (its own scalar columns, by
    /// EF's column mappings and converters: what SaveChanges would write), after which the context accepts the changes.
    /// If the context holds any other change (an owned row, another entity) or the entity has a concurrency token, the
    /// entity is saved by SaveChanges instead, after the inserts. Every statement must write exactly its rows (the
    /// UPDATE one), else this throws and the caller's transaction must roll back.
    /// PostgreSQL: all statements in one command (Npgsql sends a command's statements together: one round trip, where a
    /// group commit holding a lock used to wait for one per table and one for the save); a command is cut when it
    /// reaches <see cref="MaxParameters"/>. SQLite: table after table, as <see cref="InsertAsync"/>, then the UPDATE.
    /// </summary>
    private static async Task WriteAllAsync(DbContext db, (Type Type, IReadOnlyList<object> Rows)[] lists, object? updated, CancellationToken ct)
    {
        var tables = Array.ConvertAll(lists, l => (Table: Table.Of(db, l.Type), l.Rows));
        var (update, save) = updated is null ? (null, false) : ChangedColumns(db, updated);
        if (!tables[0].Table.Postgres)
        {
            foreach (var (table, rows) in tables)
            {
                table.InsertEach(db, rows, ids: null);
            }

            if (update is not null)
            {
                await using var command = db.CommandInTransaction();
                var sql = new StringBuilder();
                AppendUpdate(command, sql, update);
                command.CommandText = sql.ToString();
                Written(await command.ExecuteNonQueryAsync(ct), 1);
            }
        }
        else
        {
            await WriteCommandsAsync(db, tables, update, ct);
        }

        if (save)
        {
            await db.SaveChangesAsync(ct);
        }
        else if (update is not null)
        {
            db.ChangeTracker.AcceptAllChanges();
        }
    }

    private static async Task WriteCommandsAsync(DbContext db, (Table Table, IReadOnlyList<object> Rows)[] tables, EntityEntry? update, CancellationToken ct)
    {
        DbCommand? command = null;
        var sql = new StringBuilder();
        var (n, expected) = (0, 0);
        try
        {
            foreach (var (table, rows) in tables)
            {
                foreach (var (offset, count) in table.Chunks(rows.Count))
                {
                    if (command is not null && n + (count * table.Columns.Count) > MaxParameters)
                    {
                        var full = command;
                        command = null;
                        await ExecuteAsync(full, sql, expected, ct);
                        (n, expected) = (0, 0);
                    }

                    command ??= db.CommandInTransaction();
                    table.Append(command, sql, rows, offset, count, ref n);
                    sql.Append(';');
                    expected += count;
                }
            }

            if (update is not null)
            {
                command ??= db.CommandInTransaction();
                AppendUpdate(command, sql, update);
                expected++;
            }

            if (command is not null)
            {
                var last = command;
                command = null;
                await ExecuteAsync(last, sql, expected, ct);
            }
        }
        finally
        {
            if (command is not null)
            {
                await command.DisposeAsync(); // not sent: a value failed to convert
            }
        }

        static async Task ExecuteAsync(DbCommand command, StringBuilder sql, int expected, CancellationToken ct)
        {
            command.CommandText = sql.ToString();
            sql.Clear();
            await using (command)
            {
                Written(await command.ExecuteNonQueryAsync(ct), expected);
            }
        }
    }

    private static void Written(int affected, int expected)
    {
        if (affected != expected)
        {
            throw new InvalidOperationException($"{expected} rows were to be written, the database wrote {affected}");
        }
    }

    /// <summary>
    /// The entry to UPDATE (null when <paramref name="entity"/> is unchanged), or save = true when SaveChanges must write
    /// the context's changes (anything besides the entity's own columns, or a concurrency token to check).
    /// </summary>
    private static (EntityEntry? Update, bool Save) ChangedColumns(DbContext db, object entity)
    {
        db.ChangeTracker.DetectChanges();
        var entry = db.Entry(entity);
        var others = db.ChangeTracker.Entries().Any(e => !ReferenceEquals(e.Entity, entity) && e.State is not (EntityState.Unchanged or EntityState.Detached));
        if (others || entry.State is not (EntityState.Modified or EntityState.Unchanged) || entry.Metadata.GetProperties().Any(p => p.IsConcurrencyToken)
            || entry.Metadata.FindPrimaryKey()?.Properties.Count != 1)
        {
            return (null, true);
        }

        return (entry.State == EntityState.Modified ? entry : null, false);
    }

    /// <summary>UPDATE of the entry's modified columns by its key, parameters <c>@u0…</c> (apart from the inserts' <c>@p…</c>).</summary>
    private static void AppendUpdate(DbCommand command, StringBuilder sql, EntityEntry entry)
    {
        var key = entry.Metadata.FindPrimaryKey()!.Properties[0];
        sql.Append("UPDATE ").Append(Table.Quote(entry.Metadata.GetTableName()!)).Append(" SET ");
        var n = 0;
        foreach (var property in entry.Properties)
        {
            if (property.IsModified)
            {
                Add(property.Metadata, property.CurrentValue, sql.Append(n == 0 ? "" : ", ").Append(Table.Quote(property.Metadata.GetColumnName())).Append(" = "));
            }
        }

        Add(key, entry.Property(key.Name).CurrentValue, sql.Append(" WHERE ").Append(Table.Quote(key.GetColumnName())).Append(" = "));

        void Add(IProperty property, object? value, StringBuilder at)
        {
            var name = "@u" + n++.ToString(System.Globalization.CultureInfo.InvariantCulture);
            at.Append(name);
            command.Parameters.Add(property.GetRelationalTypeMapping().CreateParameter(command, name, value, property.IsNullable));
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
        /// SQLite: one single-row INSERT, prepared once per connection, executed per row (its parameters made by the columns' type
        /// mappings, as SaveChanges makes them; each row sets only the values); with
        /// <paramref name="ids"/>, each row's new key is read back.
        /// Microsoft.Data.Sqlite's execution is synchronous, so this is too.
        /// </summary>
        public void InsertEach<T>(DbContext db, IReadOnlyList<T> rows, long[]? ids)
            where T : class
        {
            if (rows.Count == 0)
            {
                return;
            }

            // Kept with the connection (KeptStatements): a writer that keeps its connection prepares it once. Its
            // parameters are made by the columns' type mappings (as SaveChanges makes them); each row sets only the values.
            var command = KeptStatements.Take(db, (this, ids is not null), () => ids is null ? InsertOne : InsertOneReturning!, made =>
            {
                for (var c = 0; c < Columns.Count; c++)
                {
                    made.Parameters.Add(Mappings[c].CreateParameter(made, SqliteNames[c], Getters[c].GetClrValueUsingContainingEntity(rows[0]), Columns[c].IsNullable));
                }

                made.Prepare();
            });
            for (var r = 0; r < rows.Count; r++)
            {
                for (var c = 0; c < Columns.Count; c++)
                {
                    command.Parameters[c].Value = KeptStatements.ProviderValue(Mappings[c], Getters[c].GetClrValueUsingContainingEntity(rows[r]));
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
            var n = 0;
            Append(command, sql, rows, offset, count, ref n);
            if (returning)
            {
                sql.Append(" RETURNING ").Append(Quote(GeneratedKey!.GetColumnName()));
            }

            command.CommandText = sql.ToString();
            return command;
        }

        /// <summary>
        /// Appends one multi-row INSERT of rows [offset, offset + count) to <paramref name="sql"/>, its parameters
        /// (named from <c>@p{n}</c> on, so several statements can share a command) to <paramref name="command"/>.
        /// </summary>
        public void Append<T>(DbCommand command, StringBuilder sql, IReadOnlyList<T> rows, int offset, int count, ref int n)
            where T : class
        {
            sql.Append("INSERT INTO ").Append(Quote(Name)).Append(" (").Append(ColumnList).Append(") VALUES ");
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
        }

        public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}

namespace Qingshan.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Configuration section <c>Database</c>: provider (<c>sqlite</c> default, <c>postgres</c>) and connection string.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    public string ConnectionString { get; set; } = "Data Source=data/qingshan.db";

    public bool IsPostgres => Provider == DatabaseProvider.Postgres;
}

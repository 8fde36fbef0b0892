using System.CommandLine;
using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Qingshan.Access.Users;
using Qingshan.Data;
using Qingshan.Kernel;
using Qingshan.Kernel.NationalCodes;
using Qingshan.Migrations;
using Qingshan.Platform;

namespace Qingshan.Cli;

/// <summary>
/// The <c>qingshan</c> command line. Verbs mirror what the back office does; the store comes from
/// <c>--db-provider</c>/<c>--db</c>, else from <c>Database__Provider</c>/<c>Database__ConnectionString</c>, else the embedded SQLite
/// default. Writes need <c>--as USER</c>, so every change is attributed to a real account with its data scope.
/// </summary>
public static class CliApp
{
    internal static readonly Option<string?> ProviderOption = new("--db-provider") { Description = "sqlite（默认）或 postgres", Recursive = true };
    internal static readonly Option<string?> DbOption = new("--db") { Description = "数据库连接字符串", Recursive = true };
    internal static readonly Option<string?> AsOption = new("--as") { Description = "以该账号身份执行（写操作必填；数据权限随账号）", Recursive = true };

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("青山 水土保持生态产品价值实现平台 命令行");
        root.Options.Add(ProviderOption);
        root.Options.Add(DbOption);
        root.Options.Add(AsOption);
        root.Subcommands.Add(DbCommands.Create(stdout));
        root.Subcommands.Add(DemoCommands.Create(stdout));
        root.Subcommands.Add(AuditCommands.Create(stdout, stderr));
        foreach (var command in RegistryCommands.Create(stdout, stderr))
        {
            root.Subcommands.Add(command);
        }

        root.Subcommands.Add(AccountingCommands.Create(stdout, stderr));
        root.Subcommands.Add(LedgerCommands.Create(stdout, stderr));
        root.Subcommands.Add(TradingCommands.Create(stdout, stderr));

        var config = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
        try
        {
            return await root.Parse(args).InvokeAsync(config);
        }
        catch (CliRefusal refusal)
        {
            await stderr.WriteLineAsync(refusal.Message);
            return 2;
        }
    }

    internal static DatabaseOptions Database(ParseResult parse)
    {
        var options = PlatformServices.ReadDatabaseOptions(Configuration());
        if (parse.GetValue(ProviderOption) is { } provider)
        {
            options.Provider = provider.Equals("postgres", StringComparison.OrdinalIgnoreCase) ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;
        }

        if (parse.GetValue(DbOption) is { } db)
        {
            options.ConnectionString = db;
        }

        return options;
    }

    private static IConfiguration Configuration() =>
        new ConfigurationBuilder().AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true).AddEnvironmentVariables().Build();

    /// <summary>A provider with every module on the chosen store; the schema is migrated first.</summary>
    internal static async Task<ServiceProvider> PlatformAsync(ParseResult parse, CancellationToken ct)
    {
        var options = Database(parse);
        await SchemaDb.MigrateAsync(options, ct);
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        var audit = new Qingshan.Audit.Store.AuditOptions();
        Configuration().GetSection(Qingshan.Audit.Store.AuditOptions.Section).Bind(audit);
        services.AddQingshanPlatform(options, audit: audit);
        return services.BuildServiceProvider();
    }

    /// <summary>A scope acting as the <c>--as</c> account (its roles and region), or as the system for read-only verbs.</summary>
    internal static async Task<AsyncServiceScope> ScopeAsync(ServiceProvider services, ParseResult parse, bool write)
    {
        var scope = services.CreateAsyncScope();
        var userName = parse.GetValue(AsOption);
        if (userName is null)
        {
            if (write)
            {
                throw new CliRefusal("写操作须用 --as 指定执行账号");
            }

            scope.ServiceProvider.GetRequiredService<ActorContext>().Current = Actor.System;
            return scope;
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<QingshanUser>>();
        var user = await users.FindByNameAsync(userName);
        if (user is null || !user.IsEnabled)
        {
            throw new CliRefusal($"账号“{userName}”不存在或已停用");
        }

        var roles = (await users.GetRolesAsync(user)).ToHashSet(StringComparer.Ordinal);
        var regionScope = user.RegionCode is null ? RegionScope.All : RegionScope.Of(AdminDivisionCode.Parse(user.RegionCode));
        scope.ServiceProvider.GetRequiredService<ActorContext>().Current = new Actor(user.Id, user.UserName!, regionScope, roles, user.RegionCode, "cli");
        return scope;
    }

    internal static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A refusal the CLI reports on stderr with exit code 2 (1 is left for usage errors).</summary>
internal sealed class CliRefusal(string message) : Exception(message);

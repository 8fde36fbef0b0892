using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Qingshan.Data;
using Qingshan.Kernel;
using Qingshan.Migrations;
using Qingshan.Platform;
using Qingshan.Web.Security;

namespace Qingshan.Web;

internal static class Startup
{
    private const string PasswordFile = "demo-password.txt";

    public static void EnsureDataDirectory(DatabaseOptions database)
    {
        if (database.IsPostgres)
        {
            return;
        }

        var file = new SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
        var dir = Path.GetDirectoryName(Path.GetFullPath(file));
        if (!string.IsNullOrEmpty(dir))
        {
            Directory.CreateDirectory(dir);
        }
    }

    /// <summary>Migrates the schema; seeds the demo county when configured (the default on the embedded store).</summary>
    public static async Task PrepareDatabaseAsync(WebApplication app, DatabaseOptions database)
    {
        await SchemaDb.MigrateAsync(database);
        if (!app.Configuration.GetValue("Demo:Seed", false))
        {
            return;
        }

        var password = await DemoCounty.SeedAsync(app.Services, app.Configuration["Demo:Password"]);
        if (password is not null && app.Configuration.GetValue("Demo:Trade", true))
        {
            // A freshly seeded county also gets the demo trade (a completed deal in the ledger, one open for registration).
            await DemoTrading.SeedAsync(app.Services);
        }

        if (password is not null && DataDirectory(database) is { } dir)
        {
            await File.WriteAllTextAsync(Path.Combine(dir, PasswordFile), password);
        }
    }

    public static void PrintWelcome(WebApplication app, DatabaseOptions database)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var url = addresses.FirstOrDefault() ?? "http://localhost:5000";
        var password = app.Configuration["Demo:Password"]
            ?? (DataDirectory(database) is { } dir && File.Exists(Path.Combine(dir, PasswordFile)) ? File.ReadAllText(Path.Combine(dir, PasswordFile)).Trim() : null);
        var lines = new List<string>
        {
            "",
            "青山 Qingshan — 水土保持生态产品价值实现平台",
            $"  地址 URL:      {url}",
            $"  公众门户:      {url}/portal",
            $"  数据库:        {database.Provider} ({(database.IsPostgres ? "PostgreSQL" : new SqliteConnectionStringBuilder(database.ConnectionString).DataSource)})",
        };
        if (app.Configuration.GetValue("Demo:Seed", false) && password is not null)
        {
            lines.Add($"  演示县:        辽宁省朝阳市建平县 ({DemoCounty.CountyCode})，数据为虚构");
            lines.Add($"  演示账号密码:  {password}   (每次新建数据目录时随机生成)");
            foreach (var a in DemoCounty.Accounts)
            {
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"    {a.UserName,-12} {a.Role,-20} {a.RegionCode ?? "全平台",-8} {a.DisplayName}"));
            }
        }

        lines.Add("");
        Console.WriteLine(string.Join(Environment.NewLine, lines));
    }

    /// <summary>Audit section; without a configured key the demo keeps a generated SM2 key beside its database.</summary>
    public static Qingshan.Audit.Store.AuditOptions AuditOptions(IConfiguration configuration, DatabaseOptions database)
    {
        var options = new Qingshan.Audit.Store.AuditOptions();
        configuration.GetSection(Qingshan.Audit.Store.AuditOptions.Section).Bind(options);
        if (options.PrivateKeyPem is null && options.KeyFile is null && DataDirectory(database) is { } dir)
        {
            options.KeyFile = Path.Combine(dir, "audit-sm2.pem");
        }

        return options;
    }

    public static Task ChallengeAsync(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        var path = ctx.Request.Path;
        if (path.StartsWithSegments("/api") || path.StartsWithSegments("/ogc"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>Cookie keys survive restarts: kept beside the embedded database (or in the configured folder).</summary>
    public static void AddDataProtection(IServiceCollection services, DatabaseOptions database)
    {
        var dir = DataDirectory(database) ?? Path.Combine(AppContext.BaseDirectory, "keys");
        services.AddDataProtection().SetApplicationName("qingshan").PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dir, "keys")));
    }

    private static string? DataDirectory(DatabaseOptions database) =>
        database.IsPostgres ? null : Path.GetDirectoryName(Path.GetFullPath(new SqliteConnectionStringBuilder(database.ConnectionString).DataSource));
}

/// <summary>Fills the request's <see cref="ActorContext"/> from the signed-in principal (APIs and static pages).</summary>
internal sealed class ActorMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context, ActorContext actor)
    {
        actor.Current = context.User.ToActor(context.Connection.RemoteIpAddress?.ToString());
        return next(context);
    }
}

/// <summary>Response headers from ASVS V3 / 等保: no framing, no sniffing, strict referrer, no caching of authenticated pages.</summary>
internal sealed class SecurityHeaders(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var h = context.Response.Headers;
            h["X-Content-Type-Options"] = "nosniff";
            h["X-Frame-Options"] = "DENY";
            h["Referrer-Policy"] = "strict-origin-when-cross-origin";
            h["Content-Security-Policy"] = "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self' ws: wss:; font-src 'self' data:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
            if (context.Request.IsHttps)
            {
                h["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains";
            }

            if (context.User.Identity?.IsAuthenticated == true)
            {
                h.CacheControl = "no-store";
            }

            return Task.CompletedTask;
        });
        return next(context);
    }
}

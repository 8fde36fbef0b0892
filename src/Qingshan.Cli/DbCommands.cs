using System.CommandLine;
using Qingshan.Migrations;
using Qingshan.Platform;

namespace Qingshan.Cli;

internal static class DbCommands
{
    public static Command Create(TextWriter stdout)
    {
        var db = new Command("db", "数据库");
        var migrate = new Command("migrate", "创建或升级数据库结构");
        migrate.SetAction(async (parse, ct) =>
        {
            await SchemaDb.MigrateAsync(CliApp.Database(parse), ct);
            await stdout.WriteLineAsync("数据库结构已是最新");
            return 0;
        });
        db.Subcommands.Add(migrate);
        return db;
    }
}

internal static class DemoCommands
{
    public static Command Create(TextWriter stdout)
    {
        var demo = new Command("demo", "演示数据");
        var seed = new Command("seed", "写入演示县（建平县）数据与演示账号");
        var password = new Option<string?>("--password") { Description = "演示账号密码（缺省随机生成）" };
        seed.Options.Add(password);
        seed.SetAction(async (parse, ct) =>
        {
            await using var services = await CliApp.PlatformAsync(parse, ct);
            var result = await DemoCounty.SeedAsync(services, parse.GetValue(password), ct);
            await stdout.WriteLineAsync(result is null ? "演示县已存在，未重复写入" : $"已写入演示县 {DemoCounty.CountyCode}；演示账号密码：{result}");
            return 0;
        });
        demo.Subcommands.Add(seed);
        return demo;
    }
}

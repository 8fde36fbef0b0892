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
        var trade = new Option<bool>("--trade") { Description = "同时写入演示交易（一笔已发证并已结算的交易、一笔报名中的交易）并签发审计检查点；检查点密钥取 Audit__KeyFile 或 Audit__PrivateKeyPem" };
        seed.Options.Add(password);
        seed.Options.Add(trade);
        seed.SetAction(async (parse, ct) =>
        {
            await using var services = await CliApp.PlatformAsync(parse, ct);
            var result = await DemoCounty.SeedAsync(services, parse.GetValue(password), ct);
            await stdout.WriteLineAsync(result is null ? "演示县已存在，未重复写入" : $"已写入演示县 {DemoCounty.CountyCode}；演示账号密码：{result}");
            if (parse.GetValue(trade))
            {
                var demo = await DemoTrading.SeedAsync(services, ct);
                await stdout.WriteLineAsync(demo is null ? "演示交易已存在或工作日历未覆盖，未写入" : $"已写入演示交易 {DemoTrading.CompletedDealCode}（交易凭证 {demo.CertificateNumber}）与 {DemoTrading.OpenDealCode}（报名中）");
            }

            return 0;
        });
        demo.Subcommands.Add(seed);
        return demo;
    }
}

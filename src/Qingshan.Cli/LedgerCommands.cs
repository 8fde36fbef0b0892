using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Qingshan.Distribution.Settlement;
using Qingshan.Ledger.Journal;

namespace Qingshan.Cli;

/// <summary><c>ledger post-pending</c> posts trading's money events to the ledger (what the web host's worker does); <c>ledger check</c> recomputes conservation.</summary>
internal static class LedgerCommands
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var ledger = new Command("ledger", "资金账务");

        var post = new Command("post-pending", "将交易模块尚未入账的资金事件逐笔记账（每个事件一个事务；可随时中断，重跑只补未完成的部分）");
        post.SetAction(async (parse, ct) =>
        {
            await using var services = await CliApp.PlatformAsync(parse, ct);
            await using var scope = await CliApp.ScopeAsync(services, parse, write: false);
            var n = await scope.ServiceProvider.GetRequiredService<PostTradingMoneyHandler>().PostPendingAsync(ct: ct);
            await stdout.WriteLineAsync(CliApp.Invariant($"已处理 {n} 个资金事件"));
            return 0;
        });

        var check = new Command("check", "重算账务守恒：每笔分录借贷平衡、余额等于过账合计、流入 = 在账 + 已支付 + 已退回");
        check.SetAction(async (parse, ct) =>
        {
            await using var services = await CliApp.PlatformAsync(parse, ct);
            await using var scope = await CliApp.ScopeAsync(services, parse, write: false);
            var report = await scope.ServiceProvider.GetRequiredService<LedgerQueries>().CheckConservationAsync(ct);
            await stdout.WriteLineAsync(CliApp.Invariant($"流入 {report.CameIn} 元 = 在账 {report.Held} 元 + 已支付 {report.PaidOut} 元 + 已退回 {report.Refunded} 元"));
            foreach (var v in report.Violations)
            {
                await stderr.WriteLineAsync(v);
            }

            return report.Holds ? 0 : 1;
        });

        ledger.Subcommands.Add(post);
        ledger.Subcommands.Add(check);
        return ledger;
    }
}

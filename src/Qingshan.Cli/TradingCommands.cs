using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Qingshan.Trading.Certificates;

namespace Qingshan.Cli;

/// <summary>Trading verbs. <c>certificate verify</c> is the public check of a trading certificate, as on the portal's page.</summary>
internal static class TradingCommands
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var trading = new Command("trading", "生态产品交易");
        var certificate = new Command("certificate", "交易凭证");
        var number = new Argument<string>("number") { Description = "凭证编号，如 SBJYPZ-JP-2026-001" };
        var content = new Option<FileInfo?>("--content") { Description = "所持凭证内容（JSON 文件）；缺省核验平台存档内容" };
        var verify = new Command("verify", "核验交易凭证：内容与签发时的 SM3 摘要和 SM2 签名是否一致。真实有效退出码 0，已被篡改 1");
        verify.Arguments.Add(number);
        verify.Options.Add(content);
        verify.SetAction(async (parse, ct) =>
        {
            var presented = parse.GetValue(content) is { } file ? (await File.ReadAllTextAsync(file.FullName, ct)).TrimEnd('\r', '\n') : null;
            await using var services = await CliApp.PlatformAsync(parse, ct);
            await using var scope = await CliApp.ScopeAsync(services, parse, write: false);
            var result = await scope.ServiceProvider.GetRequiredService<VerifyCertificateHandler>().HandleAsync(new VerifyCertificate(parse.GetValue(number)!, presented), ct);
            if (result.IsFailure)
            {
                throw new CliRefusal($"{result.Error!.Code}: 凭证不存在（{parse.GetValue(number)}）");
            }

            if (result.Value == CertificateVerdict.Genuine)
            {
                await stdout.WriteLineAsync($"{parse.GetValue(number)} 真实有效：内容与签发时的 SM3 摘要和 SM2 签名一致");
                return 0;
            }

            await stdout.WriteLineAsync($"{parse.GetValue(number)} 已被篡改：内容与签发记录不一致");
            return 1;
        });
        certificate.Subcommands.Add(verify);
        trading.Subcommands.Add(certificate);
        return trading;
    }
}

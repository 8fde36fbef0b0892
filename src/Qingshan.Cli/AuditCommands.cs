using System.CommandLine;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Qingshan.Audit.Checkpoints;
using Qingshan.Audit.Export;
using Qingshan.Audit.Store;
using Qingshan.Audit.Verification;

namespace Qingshan.Cli;

/// <summary>
/// Audit verbs. <c>verify</c> needs no database and no trust in the platform: an export, the published checkpoints and
/// the public key are enough.
/// </summary>
internal static class AuditCommands
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var audit = new Command("audit", "防篡改审计日志");

        var export = new Option<FileInfo>("--export") { Description = "审计导出文件（JSON Lines）", Required = true };
        var checkpoints = new Option<FileInfo>("--checkpoints") { Description = "已发布的签名检查点文件", Required = true };
        var publicKey = new Option<FileInfo>("--public-key") { Description = "SM2 公钥（PEM）", Required = true };
        var keyName = new Option<string>("--key-name") { Description = "检查点签名密钥名", DefaultValueFactory = _ => new AuditOptions().KeyName };
        var origin = new Option<string?>("--origin") { Description = "日志名（检查点首行）；缺省不校验" };
        var verify = new Command("verify", "核验审计导出文件：重算默克尔树、校验检查点签名与一致性，报告首个被修改、删除、插入或重排的条目");
        verify.Options.Add(export);
        verify.Options.Add(checkpoints);
        verify.Options.Add(publicKey);
        verify.Options.Add(keyName);
        verify.Options.Add(origin);
        verify.SetAction(async (parse, ct) =>
        {
            var key = new CheckpointKey(parse.GetValue(keyName)!, Sm2PublicKey.FromPem(await File.ReadAllTextAsync(parse.GetValue(publicKey)!.FullName, ct)));
            using var reader = new StreamReader(parse.GetValue(export)!.FullName, Encoding.UTF8);
            var result = new AuditLogVerifier(key, parse.GetValue(origin)).VerifyExport(reader, await File.ReadAllTextAsync(parse.GetValue(checkpoints)!.FullName, ct));
            await (result.IsSuccess ? stdout : stderr).WriteLineAsync(AuditLogVerifier.Report(result));
            return result.IsSuccess ? 0 : 1;
        });

        var output = new Option<FileInfo>("--out") { Description = "输出文件", Required = true };
        var exportCommand = new Command("export", "导出全部审计条目（JSON Lines），供独立核验");
        exportCommand.Options.Add(output);
        exportCommand.SetAction(async (parse, ct) =>
        {
            await using var services = await CliApp.PlatformAsync(parse, ct);
            await using var scope = await CliApp.ScopeAsync(services, parse, write: false);
            await using var writer = new StreamWriter(parse.GetValue(output)!.FullName, false, new UTF8Encoding(false));
            var n = 0;
            await foreach (var record in scope.ServiceProvider.GetRequiredService<AuditQueries>().RecordsAsync(ct))
            {
                await writer.WriteLineAsync(AuditExport.ToLine(record));
                n++;
            }

            await stdout.WriteLineAsync($"已导出 {n} 条审计记录");
            return 0;
        });

        var checkpointsCommand = new Command("checkpoints", "导出已发布的签名检查点与公钥");
        var keyOut = new Option<FileInfo?>("--public-key-out") { Description = "同时写出公钥 PEM" };
        checkpointsCommand.Options.Add(output);
        checkpointsCommand.Options.Add(keyOut);
        checkpointsCommand.SetAction(async (parse, ct) =>
        {
            await using var services = await CliApp.PlatformAsync(parse, ct);
            await using var scope = await CliApp.ScopeAsync(services, parse, write: false);
            var queries = scope.ServiceProvider.GetRequiredService<AuditQueries>();
            await File.WriteAllTextAsync(parse.GetValue(output)!.FullName, await queries.PublishedNotesAsync(ct), ct);
            if (parse.GetValue(keyOut) is { } file)
            {
                await File.WriteAllTextAsync(file.FullName, queries.PublicKeyPem, ct);
            }

            return 0;
        });

        var dispatch = new Command("dispatch", "把待记录的状态变更写入审计日志，并签发检查点");
        dispatch.SetAction(async (parse, ct) =>
        {
            await using var services = await CliApp.PlatformAsync(parse, ct);
            var writer = services.GetRequiredService<AuditWriter>();
            var n = await writer.DispatchPendingAsync(ct);
            var note = await writer.CheckpointIfDueAsync(force: true, ct);
            await stdout.WriteLineAsync($"已记录 {n} 条；{(note is null ? "无新检查点" : "已签发检查点")}");
            return 0;
        });

        audit.Subcommands.Add(verify);
        audit.Subcommands.Add(exportCommand);
        audit.Subcommands.Add(checkpointsCommand);
        audit.Subcommands.Add(dispatch);
        return audit;
    }
}

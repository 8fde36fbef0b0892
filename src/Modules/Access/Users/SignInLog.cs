using Microsoft.EntityFrameworkCore;
using Qingshan.Access.Data;

namespace Qingshan.Access.Users;

public sealed record SignInRow(DateTimeOffset At, string UserName, string? IpAddress, string? UserAgent, string Result);

/// <summary>登录日志 search form: user name (exact), result, time range; pages count from 1.</summary>
public sealed record SignInFilter(string? UserName = null, string? Result = null, DateTimeOffset? From = null, DateTimeOffset? To = null, int Page = 1, int PageSize = 20);

public sealed record SignInPage(IReadOnlyList<SignInRow> Rows, int Total);

/// <summary>登录日志: every sign-in attempt, its result, IP and browser.</summary>
public sealed class SignInLog(AccessDb db)
{
    public async Task RecordAsync(DateTimeOffset at, string userName, string? userId, string? ip, string? userAgent, string result, CancellationToken ct = default)
    {
        db.SignIns.Add(new SignInRecord
        {
            At = at,
            UserName = Clip(userName, 256),
            UserId = userId,
            IpAddress = ip,
            UserAgent = userAgent is null ? null : Clip(userAgent, 512),
            Result = result,
        });
        await db.SaveChangesAsync(ct);
    }

    public Task<List<SignInRow>> RecentAsync(int take = 200, string? userName = null, CancellationToken ct = default)
    {
        var q = db.SignIns.AsQueryable();
        if (!string.IsNullOrWhiteSpace(userName))
        {
            q = q.Where(s => s.UserName == userName);
        }

        return q.OrderByDescending(s => s.Id).Take(take).Select(s => new SignInRow(s.At, s.UserName, s.IpAddress, s.UserAgent, s.Result)).ToListAsync(ct);
    }

    /// <summary>One page of the log, newest first.</summary>
    public async Task<SignInPage> SearchAsync(SignInFilter filter, CancellationToken ct = default)
    {
        var q = db.SignIns.AsQueryable();
        if (!string.IsNullOrWhiteSpace(filter.UserName))
        {
            var name = filter.UserName.Trim();
            q = q.Where(s => s.UserName == name);
        }

        if (!string.IsNullOrWhiteSpace(filter.Result))
        {
            q = q.Where(s => s.Result == filter.Result);
        }

        if (filter.From is { } from)
        {
            var f = from.ToUniversalTime();
            q = q.Where(s => s.At >= f);
        }

        if (filter.To is { } to)
        {
            var t = to.ToUniversalTime();
            q = q.Where(s => s.At < t);
        }

        var size = Math.Clamp(filter.PageSize, 1, 100);
        var page = Math.Max(filter.Page, 1);
        var total = await q.CountAsync(ct);
        var rows = await q.OrderByDescending(s => s.Id).Skip((page - 1) * size).Take(size)
            .Select(s => new SignInRow(s.At, s.UserName, s.IpAddress, s.UserAgent, s.Result)).ToListAsync(ct);
        return new SignInPage(rows, total);
    }

    private static string Clip(string s, int max) => s.Length > max ? s[..max] : s;
}

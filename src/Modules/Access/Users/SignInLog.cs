using Microsoft.EntityFrameworkCore;
using Qingshan.Access.Data;

namespace Qingshan.Access.Users;

public sealed record SignInRow(DateTimeOffset At, string UserName, string? IpAddress, string? UserAgent, string Result);

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

    private static string Clip(string s, int max) => s.Length > max ? s[..max] : s;
}

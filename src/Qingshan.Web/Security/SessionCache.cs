using System.Collections.Concurrent;
using Microsoft.AspNetCore.Identity;
using Qingshan.Access.Users;

namespace Qingshan.Web.Security;

/// <summary>
/// The account state the per-request session check needs (enabled, lockout, security stamp, password age), kept a few
/// seconds so that a busy client (a bidder's API calls, hundreds a second in the bid benchmark) does not read its
/// account row on every request.
/// <para>
/// The guarantee stays: a disabled, locked or re-stamped account ends its session promptly. In this process at once —
/// Access raises <see cref="AccountChanges"/> after every save that touches an account and the entry is dropped, and
/// a load that raced such a change is not kept (<see cref="AccountChanges.Generation"/>). A change made by another
/// instance of the app reaches this one within <see cref="TimeToLive"/> (5 s), on wall-clock time; the absolute and
/// idle session lifetimes are judged from the cookie on every request as before and are not cached.
/// </para>
/// </summary>
public sealed class SessionCache
{
    public static readonly TimeSpan TimeToLive = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, (QingshanUser? User, long LoadedAt)> entries = new(StringComparer.Ordinal);
    private readonly AccountChanges changes;

    public SessionCache(AccountChanges changes)
    {
        this.changes = changes;
        changes.Changed += id => entries.TryRemove(id, out _);
    }

    /// <summary>The account (a detached, read-only copy), or null when it no longer exists.</summary>
    public async Task<QingshanUser?> UserAsync(IServiceProvider sp, string userId)
    {
        if (entries.TryGetValue(userId, out var e) && Environment.TickCount64 - e.LoadedAt < (long)TimeToLive.TotalMilliseconds)
        {
            return e.User;
        }

        var generation = changes.Generation;
        var user = await sp.GetRequiredService<UserManager<QingshanUser>>().FindByIdAsync(userId);
        entries[userId] = (user, Environment.TickCount64);
        if (changes.Generation != generation)
        {
            entries.TryRemove(userId, out _); // an account changed while we read: do not keep what may be the old state
        }

        return user;
    }
}

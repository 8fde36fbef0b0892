namespace Qingshan.Access.Users;

/// <summary>
/// Tells this process that an account changed (enabled, locked, password, security stamp, roles, claims): Access's
/// store raises it after every save that touched an account, so caches of account state (the web host's session
/// check) drop their copy at once instead of waiting for their time limit. Other processes learn it only through that
/// time limit. <see cref="Generation"/> rises before each notice, so a reader can tell a load that raced a change.
/// </summary>
public sealed class AccountChanges
{
    private long generation;

    public event Action<string>? Changed;

    public long Generation => Interlocked.Read(ref generation);

    internal void Notify(IReadOnlyCollection<string> userIds)
    {
        Interlocked.Increment(ref generation);
        foreach (var id in userIds)
        {
            Changed?.Invoke(id);
        }
    }
}

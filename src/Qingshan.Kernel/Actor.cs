namespace Qingshan.Kernel;

/// <summary>
/// Which regions an account may see and change: the prefix of its administrative division code
/// (a county sees its county, a city its counties, a province everything in it). The empty prefix is
/// the whole platform; <see cref="None"/> matches nothing and is what an unidentified caller gets.
/// </summary>
public sealed record RegionScope
{
    private RegionScope(string prefix) => Prefix = prefix;

    /// <summary>Everything (platform administrators, province-wide auditors of a national deployment).</summary>
    public static RegionScope All { get; } = new("");

    /// <summary>Nothing: a prefix no code can start with.</summary>
    public static RegionScope None { get; } = new("-");

    public static RegionScope Of(NationalCodes.AdminDivisionCode region) => new(region.Prefix);

    public string Prefix { get; }

    public bool IsAll => Prefix.Length == 0;

    public bool Includes(string? regionCode) => regionCode is not null && regionCode.StartsWith(Prefix, StringComparison.Ordinal);
}

/// <summary>
/// Who is acting: recorded on every state change and used for data scope. <paramref name="HolderId"/> is the registry
/// rights holder an operator account acts for (its bids are that holder's), or null.
/// </summary>
public sealed record Actor(string UserId, string UserName, RegionScope Scope, IReadOnlySet<string> Roles, string? RegionCode = null, string? IpAddress = null, Guid? HolderId = null)
{
    public static Actor Anonymous { get; } = new("", "anonymous", RegionScope.None, new HashSet<string>());

    public static Actor System { get; } = new("system", "system", RegionScope.All, new HashSet<string>(["system"]));

    public bool IsAuthenticated => UserId.Length > 0;

    public bool IsInRole(string role) => Roles.Contains(role);

    /// <summary>True when the account acts for the given registry holder.</summary>
    public bool ActsFor(Guid holderId) => HolderId == holderId;
}

/// <summary>The current actor of a request, circuit or CLI invocation (scoped). Hosts fill it; modules read it.</summary>
public sealed class ActorContext
{
    private Actor current = Actor.Anonymous;
    private ActorContext? followed;

    /// <summary>The actor; while following another context (see <see cref="Follow"/>) it is always that context's actor.</summary>
    public Actor Current
    {
        get => followed?.Current ?? current;
        set
        {
            followed = null;
            current = value;
        }
    }

    /// <summary>
    /// Makes this context report whoever <paramref name="other"/> reports, now and after it changes: a page's own
    /// service scope follows its circuit, so a sign-out or role change reaches the page's queries at once.
    /// </summary>
    public void Follow(ActorContext other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (ReferenceEquals(other, this))
        {
            return;
        }

        followed = other;
    }
}

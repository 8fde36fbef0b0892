using Microsoft.AspNetCore.Identity;

namespace Qingshan.Access.Users;

/// <summary>An account: a person in a department of a region (their data scope), with roles.</summary>
public sealed class QingshanUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>The administrative division the account acts for; its data scope. Null only for platform-wide accounts.</summary>
    public string? RegionCode { get; set; }

    /// <summary>Department or organisation name shown in logs (e.g. 建平县水利局).</summary>
    public string Organisation { get; set; } = "";

    public bool IsEnabled { get; set; } = true;

    public bool MustChangePassword { get; set; }

    public DateTimeOffset? PasswordChangedAt { get; set; }

    public DateTimeOffset? LastSignInAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>One sign-in attempt (登录日志): kept for every attempt, successful or not.</summary>
public sealed class SignInRecord
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    public string UserName { get; set; } = "";

    public string? UserId { get; set; }

    public string? IpAddress { get; set; }

    public string? UserAgent { get; set; }

    /// <summary>succeeded, failed, locked_out, disabled, signed_out, expired.</summary>
    public string Result { get; set; } = "";
}

namespace Qingshan.Access;

/// <summary>
/// Login and session policy, configuration section <c>LoginPolicy</c>. Defaults are the 等保 2.0 level-3 profile as
/// evaluators commonly accept it (GB/T 22239-2019 §8.1.4.1 a–b): 8+ characters from 3 of 4 classes, change every
/// 90 days, lock for 30 minutes after 5 failures, 30-minute idle timeout, 12-hour absolute session.
/// ASVS 5.0 6.2.5/6.2.10 disagree with composition rules and forced rotation; a site may relax them here
/// (docs/decisions/0002-login-policy.md).
/// </summary>
public sealed class LoginPolicy
{
    public const string Section = "LoginPolicy";

    public int MaxFailedAttempts { get; set; } = 5;

    public int LockoutMinutes { get; set; } = 30;

    public int IdleTimeoutMinutes { get; set; } = 30;

    public int AbsoluteSessionHours { get; set; } = 12;

    public int PasswordMinLength { get; set; } = 8;

    /// <summary>How many of the four classes (upper, lower, digit, symbol) a password needs.</summary>
    public int PasswordCharacterClasses { get; set; } = 3;

    /// <summary>0 turns rotation off.</summary>
    public int PasswordMaxAgeDays { get; set; } = 90;
}

using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Qingshan.Access.Users;

/// <summary>Enforces <see cref="LoginPolicy"/>: minimum length and N of 4 character classes.</summary>
public sealed class ComplexityPasswordValidator(IOptions<LoginPolicy> policy) : IPasswordValidator<QingshanUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<QingshanUser> manager, QingshanUser user, string? password)
    {
        var p = policy.Value;
        password ??= "";
        var errors = new List<IdentityError>();
        if (password.Length < p.PasswordMinLength)
        {
            errors.Add(new IdentityError { Code = "too_short", Description = $"密码长度至少 {p.PasswordMinLength} 位" });
        }

        var classes = (password.Any(char.IsUpper) ? 1 : 0) + (password.Any(char.IsLower) ? 1 : 0) + (password.Any(char.IsDigit) ? 1 : 0) + (password.Any(c => !char.IsLetterOrDigit(c)) ? 1 : 0);
        if (classes < p.PasswordCharacterClasses)
        {
            errors.Add(new IdentityError { Code = "too_simple", Description = $"密码须包含大写字母、小写字母、数字、符号中的至少 {p.PasswordCharacterClasses} 类" });
        }

        if (user.UserName is { Length: > 0 } name && password.Contains(name, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(new IdentityError { Code = "contains_user_name", Description = "密码不得包含用户名" });
        }

        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }
}

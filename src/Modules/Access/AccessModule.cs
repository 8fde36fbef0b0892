using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Qingshan.Access.Data;
using Qingshan.Access.Users;
using Qingshan.Data;

namespace Qingshan.Access;

public static class AccessModule
{
    /// <summary>Identity stores and user management. The host adds the cookie scheme and sign-in manager.</summary>
    public static IdentityBuilder AddAccess(this IServiceCollection services, LoginPolicy policy)
    {
        services.AddModuleDb<AccessDb>();
        services.AddSingleton<AccountChanges>();
        services.AddScoped<ManageUsersHandler>();
        services.AddScoped<SignInLog>();
        services.AddScoped<ChangePasswordHandler>();
        services.AddScoped<ActForHolderHandler>();
        return services.AddIdentityCore<QingshanUser>(o =>
            {
                o.Password.RequiredLength = policy.PasswordMinLength;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = policy.MaxFailedAttempts;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(policy.LockoutMinutes);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AccessDb>()
            .AddPasswordValidator<ComplexityPasswordValidator>()
            .AddDefaultTokenProviders();
    }
}

using Qingshan.Kernel;

namespace Qingshan.Access;

public static class AccessErrors
{
    public static Error UserNameTaken(string name) => new("access.user.name_taken", name);
    public static Error UserNotFound(string id) => new("access.user.not_found", id);
    public static Error UserNameInvalid() => new("access.user.name_invalid");
    public static Error RoleUnknown(string role) => new("access.role.unknown", role);
    public static Error RolesNotSeparated() => new("access.role.admin_duties_combined");
    public static Error RegionInvalid(string code) => new("access.user.region_invalid", code);
    public static Error RegionOutOfScope(string code) => new("access.user.region_out_of_scope", code);
    public static Error PasswordRejected(string reason) => new("access.password.rejected", reason);
    public static Error PasswordWrong() => new("access.password.wrong");
    public static Error PasswordMismatch() => new("access.password.mismatch");
    public static Error CannotDisableSelf() => new("access.user.cannot_disable_self");
    public static Error HolderBindingForbidden() => new("access.holder.forbidden");
    public static Error HolderBindingNeedsOperator() => new("access.holder.not_operator");
}

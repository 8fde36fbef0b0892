using Qingshan.Kernel;
using Qingshan.Web.Errors;
using Qingshan.Web.Tests.Support;

namespace Qingshan.Web.Tests.Consistency;

/// <summary>House style 3.6/3.8: every refusal code a module can return has exactly one zh-CN message.</summary>
public sealed class ErrorMessageTests
{
    [Fact]
    public void Every_error_code_of_every_module_has_a_chinese_message()
    {
        var factories = ErrorCatalog.ErrorFactories(ErrorCatalog.PlatformAssemblies().SelectMany(a => a.GetTypes())).ToList();
        Assert.Contains(factories, m => m.DeclaringType!.Name == "AccessErrors");
        Assert.Contains(factories, m => m.DeclaringType!.Name == "RegistryErrors");

        var problems = ErrorCatalog.CheckPlatform();

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void The_error_check_reports_a_code_without_a_message_and_a_message_missing_arguments()
    {
        var problems = ErrorCatalog.Check(ErrorCatalog.ErrorFactories([typeof(DummyErrors)]), ErrorMessages.Has, ErrorMessages.For);

        Assert.Equal(["dummy.never.registered", "registry.plot.overlaps"], problems.Select(p => p.Code).Order(StringComparer.Ordinal));
    }

    private static class DummyErrors
    {
        public static Error Unregistered(string x) => new("dummy.never.registered", x);

        public static Error Registered(string code) => new("registry.plot.not_found", code);

        // The message has {0} and {1}; an error with one argument cannot fill it.
        public static Error TooFewArguments(string code) => new("registry.plot.overlaps", code);
    }
}

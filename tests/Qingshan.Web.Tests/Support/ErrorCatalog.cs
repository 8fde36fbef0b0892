using System.Reflection;
using Qingshan.Kernel;
using Qingshan.Web.Errors;

namespace Qingshan.Web.Tests.Support;

/// <summary>
/// Every refusal a module can return is an <see cref="Error"/> made by a static method of a <c>*Errors</c> class. This finds
/// them all by reflection, calls each with placeholder arguments, and reports codes without a zh-CN message (or whose
/// message has more placeholders than the error has arguments).
/// </summary>
public static class ErrorCatalog
{
    public sealed record Problem(string Method, string Code, string Reason)
    {
        public override string ToString() => $"{Method} → {Code}: {Reason}";
    }

    /// <summary>The platform's own assemblies (not the tests'): loaded from the output folder so unreferenced modules count too.</summary>
    public static IReadOnlyList<Assembly> PlatformAssemblies()
    {
        foreach (var file in Directory.GetFiles(AppContext.BaseDirectory, "Qingshan.*.dll"))
        {
            var name = AssemblyName.GetAssemblyName(file);
            if (!IsTestAssembly(name.Name!) && AppDomain.CurrentDomain.GetAssemblies().All(a => a.GetName().Name != name.Name))
            {
                Assembly.Load(name);
            }
        }

        return AppDomain.CurrentDomain.GetAssemblies().Where(a => a.GetName().Name is { } n && n.StartsWith("Qingshan", StringComparison.Ordinal) && !IsTestAssembly(n)).ToList();
    }

    public static IEnumerable<MethodInfo> ErrorFactories(IEnumerable<Type> types) =>
        types.Where(t => t.Name.EndsWith("Errors", StringComparison.Ordinal) && t.IsAbstract && t.IsSealed)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
            .Where(m => m.ReturnType == typeof(Error) && !m.IsSpecialName && !m.GetParameters().Any(p => WrapsAnotherRefusal(p.ParameterType)));

    // Helpers that re-target an existing Error or translate another library's finding (e.g. a valuation issue) are not
    // factories: the codes they return are checked where they are made.
    private static bool WrapsAnotherRefusal(Type type) =>
        !type.IsValueType && type.Assembly.GetName().Name is { } n && n.StartsWith("Qingshan", StringComparison.Ordinal);

    public static List<Problem> Check(IEnumerable<MethodInfo> factories, Func<string, bool> hasMessage, Func<Error, string> format)
    {
        var problems = new List<Problem>();
        foreach (var m in factories)
        {
            var name = $"{m.DeclaringType!.Name}.{m.Name}";
            Error error;
            try
            {
                error = (Error)m.Invoke(null, m.GetParameters().Select(Placeholder).ToArray())!;
            }
            catch (TargetInvocationException e)
            {
                problems.Add(new Problem(name, "?", "threw " + e.InnerException?.GetType().Name));
                continue;
            }

            if (!hasMessage(error.Code))
            {
                problems.Add(new Problem(name, error.Code, "no message in ErrorMessages"));
                continue;
            }

            try
            {
                _ = format(error);
            }
            catch (FormatException)
            {
                problems.Add(new Problem(name, error.Code, "message has more placeholders than the error has arguments"));
            }
        }

        return problems;
    }

    public static List<Problem> CheckPlatform() =>
        Check(ErrorFactories(PlatformAssemblies().SelectMany(a => a.GetTypes())), ErrorMessages.Has, ErrorMessages.For);

    private static object? Placeholder(ParameterInfo p)
    {
        var t = p.ParameterType;
        if (t == typeof(string))
        {
            return "示例";
        }

        if (t.IsArray)
        {
            return Array.CreateInstance(t.GetElementType()!, 0);
        }

        return t.IsValueType ? Activator.CreateInstance(t) : null;
    }

    private static bool IsTestAssembly(string name) => name.EndsWith(".Tests", StringComparison.Ordinal);
}

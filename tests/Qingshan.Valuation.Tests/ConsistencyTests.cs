using System.Reflection;
using Qingshan.Valuation.Engine;

namespace Qingshan.Valuation.Tests;

public sealed class ConsistencyTests
{
    private static bool ReferencesOnlyTheBcl(Assembly assembly) =>
        assembly.GetReferencedAssemblies().All(a =>
            a.Name is "netstandard" or "mscorlib" || (a.Name?.StartsWith("System", StringComparison.Ordinal) ?? false));

    [Fact]
    public void The_valuation_library_references_only_the_base_class_library()
    {
        Assert.True(ReferencesOnlyTheBcl(typeof(ValuationEngine).Assembly));
    }

    [Fact]
    public void The_bcl_only_rule_can_fail()
    {
        // This test assembly references xunit and FsCheck, so the rule must reject it.
        Assert.False(ReferencesOnlyTheBcl(typeof(ConsistencyTests).Assembly));
    }

    [Fact]
    public void Every_indicator_of_a_shipped_method_version_has_a_calculator()
    {
        var implemented = ValuationEngine.DefaultCalculators().Select(c => c.Indicator).ToHashSet();
        Assert.All(MethodVersions.All.SelectMany(m => m.Indicators), id => Assert.Contains(id, implemented));
    }

    [Fact]
    public void Non_national_indicators_are_exactly_the_X_items()
    {
        Assert.All(IndicatorCatalog.All, d => Assert.Equal(!d.Id.Code.StartsWith('X'), d.InNationalGep));
    }

    [Fact]
    public void Every_error_code_follows_module_subject_reason()
    {
        var codes = typeof(ValuationCodes).GetFields().Select(f => (string)f.GetValue(null)!).ToList();
        Assert.All(codes, c => Assert.Matches("^(accounting|appraisal)\\.[a-z_]+\\.[a-z_]+$", c));
        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
    }
}

namespace Qingshan.Valuation.Tests;

/// <summary>
/// Published cases round quantities before multiplying, so acceptance checks against them use a relative tolerance
/// (ACCOUNTING-METHOD.md 0.3): ±0.5 %, or ±4 % where the quantity is printed with 1–2 significant digits.
/// </summary>
internal static class Tolerance
{
    public const decimal Published = 0.005m;

    public const decimal CoarselyPublished = 0.04m;

    public static void Within(decimal expected, decimal actual, decimal relative = Published)
    {
        var error = Math.Abs(actual - expected) / Math.Abs(expected);
        Assert.True(error <= relative, $"expected {expected} ± {relative:P1}, got {actual} ({error:P3} off)");
    }
}

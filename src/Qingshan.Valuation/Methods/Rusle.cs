namespace Qingshan.Valuation.Methods;

/// <summary>
/// RUSLE factor kernels for raster jobs (ACCOUNTING-METHOD.md 3.3). These run per pixel outside the engine, so they
/// use <see cref="double"/> (section 0.3: double only inside raster or model kernels).
/// </summary>
public static class Rusle
{
    /// <summary>
    /// Cover-management factor from fractional vegetation cover, Cai Chongfa (蔡崇法 2000) [S] (Huanghua):
    /// C = 1 at f = 0; C = 0.6508 − 0.3436·lg f for 0 &lt; f &lt; 78.3; C = 0 for f ≥ 78.3.
    /// </summary>
    /// <param name="coverPercent">Vegetation cover f in percent, 0–100.</param>
    /// <returns>C in [0, 1] (clamped to 1 for very small f, where the formula exceeds 1).</returns>
    /// <exception cref="ArgumentOutOfRangeException">f outside 0–100.</exception>
    public static double CoverManagementFromVegetationCover(double coverPercent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(coverPercent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(coverPercent, 100d);
        if (coverPercent == 0d)
        {
            return 1d;
        }

        if (coverPercent >= 78.3)
        {
            return 0d;
        }

        return Math.Clamp(0.6508 - (0.3436 * Math.Log10(coverPercent)), 0d, 1d);
    }

    /// <summary>
    /// Slope steepness factor. McCool (InVEST guide) [S]: S = 10.8 sinθ + 0.03 below 9 % slope, 16.8 sinθ − 0.50 from
    /// 9 %; with <paramref name="useLiuBaoyuanAbove10Degrees"/>, Chinese practice S = 21.91 sinθ − 0.96 for θ ≥ 10° [K].
    /// </summary>
    /// <param name="slopeDegrees">Slope θ in degrees, 0–90.</param>
    /// <param name="useLiuBaoyuanAbove10Degrees">Apply Liu Baoyuan's steep-slope form.</param>
    /// <returns>S.</returns>
    /// <exception cref="ArgumentOutOfRangeException">θ outside 0–90.</exception>
    public static double SlopeSteepness(double slopeDegrees, bool useLiuBaoyuanAbove10Degrees = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(slopeDegrees);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(slopeDegrees, 90d);
        var theta = slopeDegrees * Math.PI / 180d;
        var sin = Math.Sin(theta);
        if (useLiuBaoyuanAbove10Degrees && slopeDegrees >= 10d)
        {
            return (21.91 * sin) - 0.96;
        }

        return Math.Tan(theta) < 0.09 ? (10.8 * sin) + 0.03 : (16.8 * sin) - 0.50;
    }

    /// <summary>
    /// Slope length factor L = (λ/22.13)^m with λ capped at 122 m (InVEST default) [S]; m = 0.2 (≤ 1 %), 0.3 (1–3.5 %),
    /// 0.4 (3.5–5 %), 0.5 (5–9 %), and β/(1+β) above 9 % with β = (sinθ/0.0896)/(3 sinθ^0.8 + 0.56) (InVEST).
    /// </summary>
    /// <param name="slopeLengthMetres">λ in m, ≥ 0.</param>
    /// <param name="slopeDegrees">θ in degrees, 0–90.</param>
    /// <returns>L.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Negative λ or θ outside 0–90.</exception>
    public static double SlopeLength(double slopeLengthMetres, double slopeDegrees)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(slopeLengthMetres);
        ArgumentOutOfRangeException.ThrowIfNegative(slopeDegrees);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(slopeDegrees, 90d);
        var theta = slopeDegrees * Math.PI / 180d;
        var percent = Math.Tan(theta) * 100d;
        double m;
        if (percent <= 1d)
        {
            m = 0.2;
        }
        else if (percent <= 3.5)
        {
            m = 0.3;
        }
        else if (percent <= 5d)
        {
            m = 0.4;
        }
        else if (percent <= 9d)
        {
            m = 0.5;
        }
        else
        {
            var sin = Math.Sin(theta);
            var beta = sin / 0.0896 / ((3d * Math.Pow(sin, 0.8)) + 0.56);
            m = beta / (1d + beta);
        }

        return Math.Pow(Math.Min(slopeLengthMetres, 122d) / 22.13, m);
    }
}

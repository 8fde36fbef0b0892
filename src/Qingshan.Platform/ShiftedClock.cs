namespace Qingshan.Platform;

/// <summary>
/// Another clock (the real one, or a test's) moved by <see cref="Offset"/>. Seeding and benchmark setup run steps that
/// need time to pass (publicity periods in working days, auction periods) on it, set back in time, so the result is as
/// of now without waiting. Timers and timestamps stay the inner clock's.
/// </summary>
public sealed class ShiftedClock(TimeProvider inner) : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow() + Offset;

    /// <summary>Shows <paramref name="at"/> now (and moves on with the inner clock from there).</summary>
    public void MoveTo(DateTimeOffset at) => Offset = at - inner.GetUtcNow();
}

using Microsoft.Extensions.DependencyInjection;
using Qingshan.Kernel;
using Qingshan.Tests.Support;
using Qingshan.Trading.Calendar;

namespace Qingshan.Tests.Trading.Calendar;

public sealed class WorkingDayCalendarTests
{
    private static readonly WorkingDays Days = Build(CalendarYearData.Shipped());

    private static WorkingDays Build(IReadOnlyList<CalendarYearData> years) =>
        new(years.SelectMany(y => y.Holidays.Select(h => h.Date)), years.SelectMany(y => y.AdjustedWorkdays.Select(h => h.Date)), years.Select(y => y.Year));

    private static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2025-01-24", 1, "2025-01-26")] // 春节前调休上班的星期日
    [InlineData("2025-01-26", 1, "2025-01-27")]
    [InlineData("2025-01-27", 1, "2025-02-05")] // 除夕起放假至初七
    [InlineData("2025-02-07", 1, "2025-02-08")] // 节后调休上班的星期六
    [InlineData("2026-02-13", 1, "2026-02-14")] // 2026 春节前调休星期六
    [InlineData("2026-02-14", 1, "2026-02-24")] // 2月15日至23日放假
    [InlineData("2026-02-27", 1, "2026-02-28")] // 节后调休星期六
    [InlineData("2025-09-26", 1, "2025-09-28")] // 国庆前调休星期日
    [InlineData("2025-09-30", 1, "2025-10-09")] // 国庆中秋连休至10月8日
    [InlineData("2025-10-10", 1, "2025-10-11")] // 调休星期六
    [InlineData("2026-09-30", 1, "2026-10-08")]
    [InlineData("2026-10-09", 1, "2026-10-10")]
    [InlineData("2026-03-02", 5, "2026-03-09")] // ordinary weeks: weekends do not count
    public void Working_days_follow_the_State_Council_notice_including_adjusted_weekend_workdays(string start, int count, string expected) =>
        Assert.Equal(D(expected), Days.AddWorkingDays(D(start), count).Value);

    [Fact]
    public void Holidays_on_weekdays_are_not_working_days_and_adjusted_weekends_are()
    {
        Assert.False(Days.IsWorkingDay(D("2026-10-01")));
        Assert.True(Days.IsWorkingDay(D("2026-09-20")));
        Assert.False(Days.IsWorkingDay(D("2026-09-19")));
        Assert.Null(Days.IsWorkingDay(D("2027-01-04")));
        Assert.Equal(3, Days.CountWorkingDays(D("2026-09-30"), D("2026-10-10")));
    }

    [Fact]
    public void A_period_that_steps_outside_the_loaded_years_is_refused_not_guessed() =>
        Assert.Equal("trading.calendar.not_covered", Days.AddWorkingDays(D("2026-12-28"), 10).Error?.Code);

    [Fact]
    public void Publicity_ends_at_midnight_China_time_after_the_last_working_day()
    {
        // Announced Tuesday 29 September 2026, 10:00 China time; 3 working days: 30 Sep, 8 Oct, 9 Oct.
        var end = Days.PublicityEnd(new DateTimeOffset(2026, 9, 29, 10, 0, 0, TimeSpan.FromHours(8)), 3).Value;
        Assert.Equal(new DateTimeOffset(2026, 10, 10, 0, 0, 0, TimeSpan.FromHours(8)), end);
        Assert.Equal(TimeSpan.Zero, end.Offset);

        // 23:30 UTC on 28 September is already the 29th in China.
        Assert.Equal(end, Days.PublicityEnd(new DateTimeOffset(2026, 9, 28, 23, 30, 0, TimeSpan.Zero), 3).Value);
    }

    [Fact]
    public async Task The_calendar_is_seeded_from_the_shipped_data_and_an_administrator_may_add_a_year()
    {
        await using var platform = await TestPlatform.CreateAsync();
        await using var scope = platform.AsSystem();
        var store = scope.ServiceProvider.GetRequiredService<WorkingDayCalendarStore>();
        var days = await store.LoadAsync();
        Assert.Equal([2024, 2025, 2026], days.CoveredYears.Order());
        Assert.Equal(D("2026-10-08"), days.AddWorkingDays(D("2026-09-30"), 1).Value);

        Assert.Equal("trading.calendar.year_exists", (await store.ImportAsync(CalendarYearData.Shipped()[0])).Error?.Code);
        Assert.Equal("trading.calendar.date_outside_year", (await store.ImportAsync(new CalendarYearData(2027, "test", [(D("2026-01-01"), "元旦")], []))).Error?.Code);
        Assert.True((await store.ImportAsync(new CalendarYearData(2027, "国务院办公厅关于2027年部分节假日安排的通知", [(D("2027-01-01"), "元旦")], []))).IsSuccess);
        var after = await store.LoadAsync();
        Assert.Equal(D("2027-01-04"), after.AddWorkingDays(D("2026-12-31"), 1).Value);
    }
}

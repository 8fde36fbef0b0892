using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Qingshan.Kernel;
using Qingshan.Trading.Data;

namespace Qingshan.Trading.Calendar;

/// <summary>How a listed date departs from the Monday–Friday rule.</summary>
public enum CalendarDayKind
{
    /// <summary>法定节假日 (放假): not a working day even on a weekday.</summary>
    Holiday = 0,

    /// <summary>调休上班: a Saturday or Sunday that is a working day.</summary>
    AdjustedWorkday = 1,
}

/// <summary>One date of the State Council's annual holiday notice, stored as data so a new year is added without a release.</summary>
internal sealed class CalendarDay
{
    private CalendarDay()
    {
    }

    public CalendarDay(DateOnly date, CalendarDayKind kind, string name)
    {
        Date = date;
        Year = date.Year;
        Kind = kind;
        Name = name;
    }

    public DateOnly Date { get; private set; }

    public int Year { get; private set; }

    public CalendarDayKind Kind { get; private set; }

    public string Name { get; private set; } = "";
}

/// <summary>A year whose notice has been loaded: dates outside loaded years are unknown, never guessed.</summary>
internal sealed class CalendarYear
{
    private CalendarYear()
    {
    }

    public CalendarYear(int year, string notice, DateTimeOffset importedAt, string importedBy)
    {
        Year = year;
        Notice = notice;
        ImportedAt = importedAt;
        ImportedBy = importedBy;
    }

    public int Year { get; private set; }

    public string Notice { get; private set; } = "";

    public DateTimeOffset ImportedAt { get; private set; }

    public string ImportedBy { get; private set; } = "";
}

/// <summary>
/// China's working days (工作日): a date is a working day iff it is an adjusted working day (调休上班), or Monday–Friday
/// and not a statutory holiday. Pure and immutable; <see cref="WorkingDayCalendarStore"/> builds it from the database.
/// </summary>
public sealed class WorkingDays
{
    private readonly HashSet<DateOnly> holidays;
    private readonly HashSet<DateOnly> adjusted;
    private readonly HashSet<int> years;

    public WorkingDays(IEnumerable<DateOnly> holidays, IEnumerable<DateOnly> adjustedWorkdays, IEnumerable<int> coveredYears)
    {
        this.holidays = [.. holidays];
        adjusted = [.. adjustedWorkdays];
        years = [.. coveredYears];
    }

    /// <summary>China Standard Time: publicity periods run by the local calendar day.</summary>
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    public IReadOnlySet<int> CoveredYears => years;

    public bool Covers(DateOnly date) => years.Contains(date.Year);

    /// <summary>Whether the date is a working day; null when its year's notice is not loaded.</summary>
    public bool? IsWorkingDay(DateOnly date)
    {
        if (!Covers(date))
        {
            return null;
        }

        if (adjusted.Contains(date))
        {
            return true;
        }

        return date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !holidays.Contains(date);
    }

    /// <summary>
    /// The <paramref name="count"/>-th working day after <paramref name="start"/> (the start day itself is not counted,
    /// as a 公示期 begins the day after the announcement). Refused when the count steps outside the loaded years.
    /// </summary>
    public Result<DateOnly> AddWorkingDays(DateOnly start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var date = start;
        var left = count;
        while (left > 0)
        {
            date = date.AddDays(1);
            var working = IsWorkingDay(date);
            if (working is null)
            {
                return TradingErrors.CalendarNotCovered(date.Year);
            }

            if (working.Value)
            {
                left--;
            }
        }

        return date;
    }

    /// <summary>
    /// End of a publicity period of <paramref name="workingDays"/> working days announced at <paramref name="announcedAt"/>:
    /// midnight (China time) at the end of the last working day.
    /// </summary>
    public Result<DateTimeOffset> PublicityEnd(DateTimeOffset announcedAt, int workingDays)
    {
        var localDay = DateOnly.FromDateTime(announcedAt.ToOffset(ChinaOffset).DateTime);
        var last = AddWorkingDays(localDay, workingDays);
        if (last.IsFailure)
        {
            return last.Error!;
        }

        return new DateTimeOffset(last.Value.AddDays(1).ToDateTime(TimeOnly.MinValue), ChinaOffset).ToUniversalTime();
    }

    /// <summary>Working days strictly after <paramref name="from"/> up to and including <paramref name="to"/>.</summary>
    public int CountWorkingDays(DateOnly from, DateOnly to)
    {
        var n = 0;
        for (var d = from.AddDays(1); d <= to; d = d.AddDays(1))
        {
            if (IsWorkingDay(d) ?? throw new ArgumentOutOfRangeException(nameof(to), $"{d} is outside the loaded calendar"))
            {
                n++;
            }
        }

        return n;
    }
}

/// <summary>One year of the notice as parsed from the reference file format (cn-workdays.json).</summary>
public sealed record CalendarYearData(int Year, string Notice, IReadOnlyList<(DateOnly Date, string Name)> Holidays, IReadOnlyList<(DateOnly Date, string Name)> AdjustedWorkdays)
{
    /// <summary>Reads every year of a file in the cn-workdays.json format.</summary>
    public static IReadOnlyList<CalendarYearData> ParseFile(Stream json)
    {
        using var doc = JsonDocument.Parse(json);
        var result = new List<CalendarYearData>();
        foreach (var year in doc.RootElement.GetProperty("years").EnumerateObject())
        {
            var y = year.Value;
            var notice = y.TryGetProperty("notice", out var n) && n.TryGetProperty("title", out var t) ? t.GetString() ?? "" : "";
            var holidays = y.GetProperty("holidays").EnumerateArray()
                .Select(h => (DateOnly.Parse(h.GetProperty("date").GetString()!, System.Globalization.CultureInfo.InvariantCulture), h.GetProperty("name").GetString() ?? "")).ToList();
            var adjusted = y.GetProperty("adjusted_workdays").EnumerateArray()
                .Select(h => (DateOnly.Parse(h.GetProperty("date").GetString()!, System.Globalization.CultureInfo.InvariantCulture), h.TryGetProperty("for", out var f) ? f.GetString() ?? "" : "")).ToList();
            result.Add(new CalendarYearData(int.Parse(year.Name, System.Globalization.CultureInfo.InvariantCulture), notice, holidays, adjusted));
        }

        return result;
    }

    /// <summary>The copy shipped with the module (2024–2026 at build time).</summary>
    public static IReadOnlyList<CalendarYearData> Shipped()
    {
        using var stream = typeof(CalendarYearData).Assembly.GetManifestResourceStream("Qingshan.Trading.cn-workdays.json")
            ?? throw new InvalidOperationException("the working-day calendar resource is missing");
        return ParseFile(stream);
    }
}

/// <summary>Loads the working-day calendar from the database, seeding any shipped year the table does not have yet.</summary>
public sealed class WorkingDayCalendarStore(TradingDb db, TimeProvider clock)
{
    public async Task<WorkingDays> LoadAsync(CancellationToken ct = default)
    {
        var loaded = await db.CalendarYears.Select(y => y.Year).ToListAsync(ct);
        if (CalendarYearData.Shipped().Any(y => !loaded.Contains(y.Year)))
        {
            foreach (var year in CalendarYearData.Shipped().Where(y => !loaded.Contains(y.Year)))
            {
                await ImportAsync(year, ct);
            }

            loaded = await db.CalendarYears.Select(y => y.Year).ToListAsync(ct);
        }

        var days = await db.CalendarDays.AsNoTracking().ToListAsync(ct);
        return new WorkingDays(
            days.Where(d => d.Kind == CalendarDayKind.Holiday).Select(d => d.Date),
            days.Where(d => d.Kind == CalendarDayKind.AdjustedWorkday).Select(d => d.Date),
            loaded);
    }

    /// <summary>Adds one year's notice (an administrator's job each November). A year already loaded is refused.</summary>
    public async Task<Result> ImportAsync(CalendarYearData year, CancellationToken ct = default)
    {
        if (await db.CalendarYears.AnyAsync(y => y.Year == year.Year, ct))
        {
            return TradingErrors.CalendarYearExists(year.Year);
        }

        if (year.Holidays.Concat(year.AdjustedWorkdays).Any(d => d.Date.Year != year.Year))
        {
            return TradingErrors.CalendarDateOutsideYear(year.Year);
        }

        var at = clock.GetUtcNow();
        db.CalendarYears.Add(new CalendarYear(year.Year, year.Notice, at, db.Actor.UserName));
        foreach (var (date, name) in year.Holidays)
        {
            db.CalendarDays.Add(new CalendarDay(date, CalendarDayKind.Holiday, name));
        }

        foreach (var (date, name) in year.AdjustedWorkdays)
        {
            db.CalendarDays.Add(new CalendarDay(date, CalendarDayKind.AdjustedWorkday, name));
        }

        db.Record(at, TradingEvents.CalendarYearImported, year.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), null, new { year.Year, year.Notice, Holidays = year.Holidays.Count, Adjusted = year.AdjustedWorkdays.Count });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another request seeded the same year first: theirs stands.
            db.ChangeTracker.Clear();
            return TradingErrors.CalendarYearExists(year.Year);
        }

        return Result.Success();
    }
}

namespace TuyPhuoc.ServiceDefaults;

/// <summary>
/// Time as the suite's rules see it: instants in UTC, days in the district's local time (Vietnam, UTC+7, no daylight
/// saving), since deadlines, "late by N days" and "overdue" are local dates.
/// </summary>
public sealed class DistrictClock(TimeProvider time, TimeSpan utcOffset)
{
    public static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);

    /// <summary>Now, to the microsecond: what PostgreSQL keeps, so a stored instant reads back as it was answered.</summary>
    public DateTimeOffset Now => time.GetUtcNow() is var now ? now.AddTicks(-(now.Ticks % (TimeSpan.TicksPerMillisecond / 1000))) : default;

    public DateOnly Today => DayOf(Now);

    public DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(utcOffset).DateTime);

    /// <summary>The first instant of a local day, in UTC.</summary>
    public DateTimeOffset StartOf(DateOnly day) => new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), utcOffset).ToUniversalTime();

    /// <summary>The day a status is asked for: today when none is given or when a later day is.</summary>
    public DateOnly AsOf(DateOnly? asked) => asked is { } day && day < Today ? day : Today;
}

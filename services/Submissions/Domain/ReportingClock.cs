namespace TuyPhuoc.Submissions.Domain;

/// <summary>
/// Time as the reporting rules see it: instants in UTC, days in the district's local time (Vietnam, UTC+7, no
/// daylight saving), since deadlines and "late by N days" are local dates.
/// </summary>
public sealed class ReportingClock(TimeProvider time, TimeSpan utcOffset)
{
    public static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);

    /// <summary>Now, to the microsecond: what PostgreSQL keeps, so a stored instant reads back as it was answered.</summary>
    public DateTimeOffset Now
    {
        get
        {
            var now = time.GetUtcNow();
            return now.AddTicks(-(now.Ticks % (TimeSpan.TicksPerMillisecond / 1000)));
        }
    }

    public DateOnly Today => DateOnly.FromDateTime(Now.ToOffset(utcOffset).DateTime);

    /// <summary>The first instant of a local day, in UTC.</summary>
    public DateTimeOffset StartOf(DateOnly day) => new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), utcOffset).ToUniversalTime();
}

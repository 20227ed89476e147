using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace TuyPhuoc.Calendar;

/// <summary>
/// The suite's day: instants in UTC, days in the district's time zone (Vietnam by default), since deadlines,
/// "late by N days", "overdue", the month to report and the units in existence are local dates.
/// </summary>
public sealed class DistrictClock(TimeProvider time, TimeZoneInfo zone)
{
    /// <summary>Where the district's time zone is configured, once for every process (an IANA id).</summary>
    public const string TimeZoneKey = "District:TimeZone";
    public const string DefaultTimeZone = "Asia/Ho_Chi_Minh";

    /// <summary>Vietnam's zone, UTC+7 without daylight saving, when the machine has no time-zone data.</summary>
    public static readonly TimeZoneInfo Vietnam = Find(DefaultTimeZone);

    public DistrictClock(TimeProvider time) : this(time, Vietnam) { }

    public TimeZoneInfo Zone => zone;

    /// <summary>Now, to the microsecond: what PostgreSQL keeps, so a stored instant reads back as it was answered.</summary>
    public DateTimeOffset Now => time.GetUtcNow() is var now ? now.AddTicks(-(now.Ticks % (TimeSpan.TicksPerMillisecond / 1000))) : default;

    public DateOnly Today => DayOf(Now);

    /// <summary>An instant as the district's clocks showed it.</summary>
    public DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, zone);

    public DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    /// <summary>An instant at a local time of a local day, in UTC.</summary>
    public DateTimeOffset At(DateOnly day, TimeOnly time)
    {
        var local = day.ToDateTime(time);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>The first instant of a local day, in UTC.</summary>
    public DateTimeOffset StartOf(DateOnly day) => At(day, TimeOnly.MinValue);

    /// <summary>The day a status is asked for: today when none is given or when a later day is.</summary>
    public DateOnly AsOf(DateOnly? asked) => asked is { } day && day < Today ? day : Today;

    public static TimeZoneInfo Find(string id)
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById(id); }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            if (id != DefaultTimeZone) throw;
            return TimeZoneInfo.CreateCustomTimeZone(DefaultTimeZone, TimeSpan.FromHours(7), "Vietnam", "Vietnam");
        }
    }
}

public static class DistrictClockExtensions
{
    /// <summary>The one clock of the process: the district's zone from <see cref="DistrictClock.TimeZoneKey"/>, Vietnam when unset.</summary>
    public static IServiceCollection AddDistrictClock(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        var zone = DistrictClock.Find(configuration[DistrictClock.TimeZoneKey] is { Length: > 0 } id ? id : DistrictClock.DefaultTimeZone);
        services.TryAddSingleton(sp => new DistrictClock(sp.GetRequiredService<TimeProvider>(), zone));
        return services;
    }

    public static IHostApplicationBuilder AddDistrictClock(this IHostApplicationBuilder builder)
    {
        builder.Services.AddDistrictClock(builder.Configuration);
        return builder;
    }
}

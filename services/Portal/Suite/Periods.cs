using TuyPhuoc.Contracts.Plans.V1;

namespace TuyPhuoc.Portal.Suite;

/// <summary>Which quarter and month a page opens on, and the year so far of a unit's monthly values.</summary>
public static class Periods
{
    /// <summary>Today's quarter in the current year; a past year is seen at its end, a future one at its start.</summary>
    public static int CurrentQuarter(int year, DateOnly today) =>
        year == today.Year ? PlanCalendar.QuarterOf(today) : year < today.Year ? 4 : 1;

    /// <summary>The month to report: the one after the last month with any value, within the year and not after this month.</summary>
    public static int MonthToReport(int year, IEnumerable<int> monthsWithValues, DateOnly today)
    {
        var last = year > today.Year ? 1 : year == today.Year ? today.Month : 12;
        return Math.Clamp(monthsWithValues.DefaultIfEmpty(0).Max() + 1, 1, last);
    }

    /// <summary>The months a unit may report now: every month of a past year, up to this month in the current one.</summary>
    public static IEnumerable<int> OpenMonths(int year, DateOnly today) =>
        Enumerable.Range(1, year < today.Year ? 12 : year == today.Year ? today.Month : 0);

    /// <summary>
    /// The year so far through a month: the sum of the months for a flow (cumulative), otherwise the latest value, as
    /// a level or a rate is reported. Null when nothing was reported yet.
    /// </summary>
    public static double? YearToDate(MeasureKind kind, IReadOnlyDictionary<int, double> values, int throughMonth) =>
        PlanCalendar.YearToDate(kind == MeasureKind.Cumulative, values, throughMonth);
}

public static class ClockText
{
    /// <summary>An instant as the district's clocks showed it, written the Vietnamese way (dd/MM/yyyy HH:mm).</summary>
    public static string Stamp(this DistrictClock clock, DateTimeOffset at) => clock.Local(at).ToString("dd/MM/yyyy HH:mm", VietNumber.Culture);
}

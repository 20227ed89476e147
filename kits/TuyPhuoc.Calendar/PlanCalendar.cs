namespace TuyPhuoc.Calendar;

/// <summary>The plan year and its quarters, as every service and the portal count them.</summary>
public static class PlanCalendar
{
    /// <summary>The years a plan can have.</summary>
    public const int FirstYear = 2000, LastYear = 2100;

    /// <summary>What a refused year is told, with <see cref="IsPlanYear"/>.</summary>
    public static readonly string YearRange = $"must be a plan year between {FirstYear} and {LastYear}";

    public static bool IsPlanYear(int year) => year is >= FirstYear and <= LastYear;

    /// <summary>The quarter (1..4) of a month (1..12).</summary>
    public static int QuarterOf(int month) => (month + 2) / 3;

    public static int QuarterOf(DateOnly day) => QuarterOf(day.Month);

    /// <summary>The first and last month (1..12) of a quarter (1..4).</summary>
    public static int FirstMonthOf(int quarter) => 3 * quarter - 2;

    public static int LastMonthOf(int quarter) => 3 * quarter;

    /// <summary>The three months (1..12) of a quarter (1..4).</summary>
    public static IEnumerable<int> MonthsOf(int quarter) => Enumerable.Range(FirstMonthOf(quarter), 3);

    /// <summary>The last day of a quarter (1..4).</summary>
    public static DateOnly QuarterEnd(int year, int quarter) => MonthEnd(year, LastMonthOf(quarter));

    public static DateOnly MonthEnd(int year, int month) => new DateOnly(year, month, 1).AddMonths(1).AddDays(-1);

    /// <summary>Quarter targets from twelve month targets: sums for a flow (<paramref name="summed"/>), the quarter-end level otherwise; empty without twelve.</summary>
    public static T[] QuarterTargets<T>(bool summed, IReadOnlyList<T> months) where T : System.Numerics.INumber<T> =>
        months.Count != 12 ? [] :
        summed
            ? [.. Enumerable.Range(0, 4).Select(q => months[3 * q] + months[3 * q + 1] + months[3 * q + 2])]
            : [.. Enumerable.Range(0, 4).Select(q => months[3 * q + 2])];

    /// <summary>
    /// The year so far of monthly values (0-based months, nulls not reported) through a month (1..12): the sum for a flow
    /// (<paramref name="summed"/>, a cumulative indicator), otherwise the latest value, as a level or a rate is
    /// reported. Null when nothing was reported yet.
    /// </summary>
    public static decimal? YearToDate(bool summed, IReadOnlyList<decimal?> months, int throughMonth)
    {
        decimal? total = null, latest = null;
        for (var m = 0; m < Math.Min(throughMonth, months.Count); m++)
        {
            if (months[m] is not { } v) continue;
            total = (total ?? 0) + v;
            latest = v;
        }
        return summed ? total : latest;
    }

    /// <summary>As the other form, of values by month (1..12).</summary>
    public static double? YearToDate(bool summed, IReadOnlyDictionary<int, double> values, int throughMonth)
    {
        var reported = values.Where(v => v.Key <= throughMonth).OrderBy(v => v.Key).ToList();
        if (reported.Count == 0) return null;
        return summed ? reported.Sum(v => v.Value) : reported[^1].Value;
    }
}

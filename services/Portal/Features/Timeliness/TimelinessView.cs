using TuyPhuoc.Contracts.Plans.V1;
using TuyPhuoc.Contracts.Submissions.V1;

namespace TuyPhuoc.Portal.Features;

/// <summary>A unit's month as the timeliness grid shows it; null in a row where the service lists nothing.</summary>
public sealed record TimelinessMark(Timeliness Timeliness, int DaysLate);

public sealed record TimelinessRow(string Unit, string UnitName, IReadOnlyList<TimelinessMark?> Months);

public sealed record TimelinessView(int Year, IReadOnlyList<TimelinessRow> Rows)
{
    public static TimelinessView From(int year, IEnumerable<UnitTimeliness> entries, IReadOnlyList<Unit> units)
    {
        var order = OfficePages.UnitOrder(units);
        var names = units.ToDictionary(u => u.Code, u => u.Name);
        return new(year, [.. entries.GroupBy(e => e.UnitCode).OrderBy(g => order.GetValueOrDefault(g.Key, int.MaxValue)).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var byMonth = g.ToDictionary(e => e.Month);
                return new TimelinessRow(g.Key, names.GetValueOrDefault(g.Key, g.Key), [.. Enumerable.Range(1, 12).Select(m =>
                    byMonth.TryGetValue(m, out var e) ? new TimelinessMark(e.Timeliness, e.DaysLate) : null)]);
            })]);
    }
}

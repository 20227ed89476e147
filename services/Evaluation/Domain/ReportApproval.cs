namespace TuyPhuoc.Evaluation.Domain;

/// <summary>Whether a figure rests on approved reports or is preliminary (số liệu sơ bộ).</summary>
public static class ReportApproval
{
    /// <summary>
    /// The months (1-based) up to the end of <paramref name="quarter"/> in which some source unit has a value whose
    /// monthly report is not approved: the figure is preliminary while there are any.
    /// </summary>
    public static IReadOnlyList<int> PreliminaryMonths(int quarter, IEnumerable<(string Unit, IReadOnlyList<decimal?> Months)> sources,
        IReadOnlySet<(string Unit, int Month)> approved)
    {
        var months = new SortedSet<int>();
        foreach (var (unit, values) in sources)
        {
            for (var m = 0; m < Math.Min(PlanCalendar.LastMonthOf(quarter), values.Count); m++)
            {
                if (values[m] is not null && !approved.Contains((unit, m + 1))) months.Add(m + 1);
            }
        }
        return [.. months];
    }
}

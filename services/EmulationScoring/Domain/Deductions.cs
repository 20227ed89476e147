namespace TuyPhuoc.EmulationScoring.Domain;

public enum ReportTimeliness { OnTime, Late, Missing, NotDue }

/// <summary>How a unit's monthly report stood against its deadline (from Submissions).</summary>
public sealed record ReportFact(int Year, int Month, ReportTimeliness Timeliness, int DaysLate, DateOnly? Deadline);

/// <summary>An escalation assigned to an office with a deadline; the office that must answer is the one at fault.</summary>
/// <param name="AnsweredOn">The day the office first answered; null while unanswered.</param>
/// <param name="ClosedUnansweredOn">The day the raising unit or the planning office closed it without an answer: the wait ends
/// there, but a close is no answer, so a close after the deadline leaves it overdue.</param>
public sealed record EscalationFact(string Id, string Title, string RaisedBy, DateOnly? DueDate, DateOnly? AnsweredOn, DateOnly? ClosedUnansweredOn = null);

/// <summary>The deduction events of a unit's score, each with the cause the unit can check.</summary>
public static class Deductions
{
    /// <param name="quarter">1..4: reports of the months up to the quarter's end and escalations overdue by then; 0: the whole year.</param>
    /// <param name="today">Unanswered escalations are overdue from the day after their deadline.</param>
    /// <param name="overdueKeyTasks">The key tasks the unit leads that stood overdue on the year's last day: they weigh in the year's score once the year is over.</param>
    public static IReadOnlyList<DeductionEvent> For(int year, int quarter, IEnumerable<ReportFact> reports,
        IEnumerable<EscalationFact> escalations, DateOnly today, IEnumerable<KeyTaskFact>? overdueKeyTasks = null)
    {
        if (quarter is < 0 or > 4) throw new ArgumentOutOfRangeException(nameof(quarter), quarter, "must be 0 (the year) or 1..4");
        var lastMonth = quarter == 0 ? 12 : PlanCalendar.LastMonthOf(quarter);
        var periodEnd = new DateOnly(year, lastMonth, 1).AddMonths(1).AddDays(-1);

        var events = new List<DeductionEvent>();
        foreach (var r in reports.Where(r => r.Year == year && r.Month <= lastMonth).OrderBy(r => r.Month))
        {
            var month = $"{r.Year:D4}-{r.Month:D2}";
            var due = r.Deadline is { } d ? $" (due {Day(d)})" : "";
            if (r.Timeliness == ReportTimeliness.Late)
                events.Add(new(DeductionKind.LateReport, $"report {month} late by {r.DaysLate} day{(r.DaysLate == 1 ? "" : "s")}{due}"));
            else if (r.Timeliness == ReportTimeliness.Missing)
                events.Add(new(DeductionKind.MissingReport, $"report {month} missing{due}"));
        }
        foreach (var e in escalations.OrderBy(e => e.DueDate).ThenBy(e => e.Id, StringComparer.Ordinal))
        {
            if (OverdueSince(e, today) is not { } since || since > periodEnd) continue;
            var answered = e.AnsweredOn is { } on ? $", answered {Day(on)}"
                : e.ClosedUnansweredOn is { } closed ? $", closed unanswered {Day(closed)}"
                : ", still unanswered";
            events.Add(new(DeductionKind.OverdueEscalation,
                $"escalation {e.Id} \"{e.Title}\" from {e.RaisedBy} overdue since {Day(since)} (due {Day(e.DueDate!.Value)}{answered})"));
        }
        if (quarter == 0 && today > new DateOnly(year, 12, 31))
        {
            foreach (var t in (overdueKeyTasks ?? []).OrderBy(t => t.DecisionNumber, StringComparer.Ordinal).ThenBy(t => t.Id, StringComparer.Ordinal))
            {
                var content = t.Content.Length <= 80 ? t.Content : t.Content[..79] + "…";
                events.Add(new(DeductionKind.OverdueKeyTask, $"key task {t.Number} of {t.DecisionNumber} \"{content}\" still overdue at year-end (due {t.Due})"));
            }
        }
        return events;
    }

    /// <summary>The first day an escalation stood unanswered past its deadline, or null when it never did (or is not yet).</summary>
    public static DateOnly? OverdueSince(EscalationFact e, DateOnly today)
    {
        if (e.DueDate is not { } due) return null;
        var since = due.AddDays(1);
        return (e.AnsweredOn ?? e.ClosedUnansweredOn ?? today) >= since ? since : null;
    }

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

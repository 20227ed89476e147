namespace TuyPhuoc.EmulationScoring.Processing;

/// <summary>From the messages of Evaluation and Submissions to the plain facts the domain scores.</summary>
public static class InputMapping
{
    public static IndicatorFacts ToFacts(this Eval.IndicatorStatus status, AssignedIndicator assigned) => new(
        assigned.Code,
        assigned.Kind,
        assigned.LowerIsBetter,
        status.YearTarget,
        status.QuarterTargets.ToList(),
        status.HasProgress ? status.Progress : null,
        status.Quarters.Select(q => new QuarterFacts(
            q.Quarter,
            q.HasYearToDate ? q.YearToDate : null,
            q.HasCumulativePlan ? q.CumulativePlan : null,
            q.HasProgress ? q.Progress : null,
            q.HasPercentOfRequirement ? q.PercentOfRequirement : null)).ToList(),
        FirstMonthWithData(status));

    private static int? FirstMonthWithData(Eval.IndicatorStatus status)
    {
        if (status.MonthlyActuals.Count == 0)
            return status.Quarters.Where(q => q.HasYearToDate).Select(q => (int?)PlanCalendar.FirstMonthOf(q.Quarter)).Min();
        var first = status.MonthlyActuals.Select((m, i) => (m, i)).FirstOrDefault(x => x.m?.HasValue == true);
        return first.m is null ? null : first.i + 1;
    }

    public static ReportFact ToFact(this Subs.UnitTimeliness t) => new(
        t.Year, t.Month,
        t.Timeliness switch
        {
            Subs.Timeliness.OnTime => ReportTimeliness.OnTime,
            Subs.Timeliness.Late => ReportTimeliness.Late,
            Subs.Timeliness.Missing => ReportTimeliness.Missing,
            _ => ReportTimeliness.NotDue,
        },
        t.DaysLate,
        ToDate(t.Deadline));

    /// <summary>
    /// Only an answer answers the office's part, or a referral upward, which takes the escalation out of its hands: a
    /// close without either ends the wait but leaves the escalation unanswered.
    /// </summary>
    /// <remarks>A step's day is the district's day of its instant, as deadlines are.</remarks>
    public static EscalationFact ToFact(this Subs.Escalation e, DistrictClock clock)
    {
        var answeredOn = FirstDay(e, clock, Subs.EscalationStatus.Answered, Subs.EscalationStatus.Referred);
        return new(e.Id, e.Title, e.UnitCode, ToDate(e.DueDate), answeredOn, answeredOn is null ? FirstDay(e, clock, Subs.EscalationStatus.Closed) : null);
    }

    private static DateOnly? FirstDay(Subs.Escalation e, DistrictClock clock, params Subs.EscalationStatus[] statuses) =>
        e.Steps.Where(s => statuses.Contains(s.Status) && s.At is not null).Select(s => (DateOnly?)clock.DayOf(s.At.ToDateTimeOffset())).Min();

    private static DateOnly? ToDate(Google.Type.Date? d) =>
        d is { Year: > 0, Month: >= 1 and <= 12, Day: >= 1 } && d.Day <= DateTime.DaysInMonth(d.Year, d.Month) ? new DateOnly(d.Year, d.Month, d.Day) : null;
}

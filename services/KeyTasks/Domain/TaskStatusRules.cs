namespace TuyPhuoc.KeyTasks.Domain;

/// <summary>
/// The status of a task on a day, from what was known by the end of that day: the reports made by then and the
/// extensions granted by then. A task with a deadline is overdue the day after it while not done; done by the deadline
/// is on time, after it late. A report of done work is measured against the deadline in force on the day it was made,
/// and a report made after that deadline cannot by itself claim a completion day on or before it: it reads late until
/// the planning office confirms that day (<see cref="TaskWorkflow.ConfirmCompletion"/>). A regular task ("thường xuyên") is reviewed every quarter: it is overdue once a quarter
/// of its life has ended with no report in it, until a report arrives in the quarter under way; it is done only by a
/// report of done work in the year's last quarter.
/// </summary>
public static class TaskStatusRules
{
    public static TaskAssessment Assess(KeyTask task, DateOnly asOf)
    {
        var reports = task.Progress.Where(r => r.ReportedOn <= asOf).OrderBy(r => r.ReportedAt).ThenBy(r => r.Id).ToList();
        var latest = reports.LastOrDefault();
        var deadline = DeadlineOn(task, asOf);
        return task.DeadlineKind == DeadlineKind.Regular
            ? AssessRegular(task, asOf, reports, latest, deadline)
            : AssessDated(task, asOf, latest, deadline);
    }

    /// <summary>The deadline in force on a day: the original one, or the last extension granted by then.</summary>
    public static Deadline DeadlineOn(KeyTask task, DateOnly day) =>
        task.Extensions.Where(e => e.Decision == ExtensionDecision.Granted && e.DecidedOn <= day)
            .OrderBy(e => e.DecidedAt).ThenBy(e => e.Id).LastOrDefault() is { } granted
            ? new Deadline(DeadlineKind.Date, granted.RequestedDueDate)
            : task.OriginalDeadline;

    private static TaskAssessment AssessDated(KeyTask task, DateOnly asOf, ProgressReport? latest, Deadline deadline)
    {
        if (latest?.State == ProgressState.Done)
        {
            var reportedAgainst = DeadlineOn(task, latest.ReportedOn);
            var against = reportedAgainst.DueDate!.Value;
            return new(asOf, DoneStatus(latest, against, asOf), null, 100, reportedAgainst, latest, AwaitsConfirmation(latest, against, asOf));
        }
        var due = deadline.DueDate!.Value;
        DateOnly? overdueSince = asOf > due ? due.AddDays(1) : null;
        return new(asOf, Working(latest, overdueSince), overdueSince, latest?.PercentDone ?? 0, deadline, latest);
    }

    private static TaskAssessment AssessRegular(KeyTask task, DateOnly asOf, List<ProgressReport> reports, ProgressReport? latest, Deadline deadline)
    {
        var yearEnd = new DateOnly(task.Year, 12, 31);
        if (latest is { State: ProgressState.Done } && (latest.ReportedOn > yearEnd || latest.ReportedOn.Year == task.Year && PlanCalendar.QuarterOf(latest.ReportedOn) == 4))
        {
            return new(asOf, DoneStatus(latest, yearEnd, asOf), null, 100, deadline, latest, AwaitsConfirmation(latest, yearEnd, asOf));
        }
        DateOnly? overdueSince = null;
        var reviewed = asOf <= yearEnd ? asOf : yearEnd.AddDays(1);
        var current = QuarterOf(reviewed, task.Year);
        var lastEnded = current - 1;
        var firstQuarter = task.StartsOn.Year < task.Year ? 1 : PlanCalendar.QuarterOf(task.StartsOn);
        if (lastEnded >= firstQuarter && !ReportedIn(reports, task.Year, lastEnded) && (current > 4 || !ReportedIn(reports, task.Year, current)))
        {
            overdueSince = PlanCalendar.QuarterEnd(task.Year, lastEnded).AddDays(1);
        }
        return new(asOf, Working(latest, overdueSince), overdueSince, latest?.PercentDone ?? 0, deadline, latest);
    }

    /// <summary>On time only when the work was done by the deadline and reported by it too, or the planning office confirmed its day by then.</summary>
    private static TaskStatus DoneStatus(ProgressReport done, DateOnly due, DateOnly asOf) =>
        (done.CompletedOn ?? done.ReportedOn) <= due && (done.ReportedOn <= due || done.ConfirmedOn <= asOf) ? TaskStatus.DoneOnTime : TaskStatus.DoneLate;

    /// <summary>A report after the deadline naming a completion day within it, not yet confirmed.</summary>
    public static bool AwaitsConfirmation(ProgressReport done, DateOnly due, DateOnly asOf) =>
        done.State == ProgressState.Done && (done.CompletedOn ?? done.ReportedOn) <= due && done.ReportedOn > due && !(done.ConfirmedOn <= asOf);

    private static TaskStatus Working(ProgressReport? latest, DateOnly? overdueSince) =>
        latest is null || latest.State == ProgressState.NotStarted ? TaskStatus.NotStarted
        : overdueSince is null ? TaskStatus.InProgressOnTime
        : TaskStatus.InProgressOverdue;

    /// <summary>The quarter of a day within the year: 5 past its end.</summary>
    private static int QuarterOf(DateOnly day, int year) => day.Year > year ? 5 : day.Year < year ? 0 : PlanCalendar.QuarterOf(day);

    private static bool ReportedIn(List<ProgressReport> reports, int year, int quarter) =>
        reports.Any(r => r.ReportedOn.Year == year && PlanCalendar.QuarterOf(r.ReportedOn) == quarter);
}

using TuyPhuoc.KeyTasks.Domain;
using TuyPhuoc.ServiceDefaults;

namespace TuyPhuoc.KeyTasks.Tests;

/// <summary>Tasks, reports and callers for the tests, with the 2024 units of the seeded plan.</summary>
internal static class Samples
{
    public static readonly DateOnly DecisionDate = new(2024, 2, 20);

    public static PlanUnits Plan { get; } = new(2024,
        Plans.IndicatorPlansUnits().ToDictionary(u => u.Code),
        new HashSet<string>(TuyPhuoc.IndicatorPlans.Domain.DemoPlan2024.Indicators.Select(i => i.Code)));

    public static readonly CallerScope Planning = new("tckh-1", Roles.PlanningOffice, null, null, Grant.All);

    public static CallerScope Reporter(string unit) => new($"reporter-{unit}", Roles.UnitReporter, unit, null, Grant.OwnUnit);

    public static KeyTask Task(Deadline deadline, string lead = "TN_MT", params string[] coordinating) => new()
    {
        Id = Guid.NewGuid(),
        DecisionId = Guid.NewGuid(),
        DecisionNumber = "808/QĐ-UBND",
        StartsOn = DecisionDate,
        Year = 2024,
        Position = 1,
        Number = "4",
        Content = "Tổ chức đấu giá quyền sử dụng đất",
        LeadUnitCode = lead,
        CoordinatingUnitCodes = coordinating,
        Block = "economy",
        DeadlineKind = deadline.Kind,
        DueDate = deadline.DueDate,
    };

    public static Deadline Day(int month, int day) => new(DeadlineKind.Date, new DateOnly(2024, month, day));

    public static KeyTask Reported(this KeyTask task, DateOnly on, ProgressState state, int percent = 50, DateOnly? completedOn = null)
    {
        task.Progress.Add(new ProgressReport
        {
            Id = task.Progress.Count + 1,
            TaskId = task.Id,
            State = state,
            PercentDone = state == ProgressState.Done ? 100 : percent,
            WorkDone = "Đã triển khai",
            CompletedOn = state == ProgressState.Done ? completedOn ?? on : null,
            ReportedAt = At(on),
            ReportedOn = on,
            ReportedBy = "r",
            ReportedFor = task.LeadUnitCode,
        });
        return task;
    }

    public static DateOnly D(int month, int day, int year = 2024) => new(year, month, day);

    public static DateTimeOffset At(DateOnly day) => new DistrictClock(TimeProvider.System).At(day, new TimeOnly(9, 0));
}

internal static class Plans
{
    public static IEnumerable<UnitInfo> IndicatorPlansUnits() => TuyPhuoc.IndicatorPlans.Domain.DemoPlan2024.Units.Select(u => new UnitInfo(
        u.Code, u.Name, u.Kind, u.Block is { } block ? Blocks.Name(block) : null));
}

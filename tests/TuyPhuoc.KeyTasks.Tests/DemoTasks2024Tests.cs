using TuyPhuoc.KeyTasks.Domain;
using TaskStatus = TuyPhuoc.KeyTasks.Domain.TaskStatus;

namespace TuyPhuoc.KeyTasks.Tests;

public sealed class DemoTasks2024Tests
{
    private static readonly IReadOnlyList<KeyTask> Tasks = [.. DemoTasks2024.Decisions().SelectMany(d => d.Tasks)];
    private static readonly DateOnly MidYear = new(2024, 6, 30);

    [Fact]
    public void Decisions_808And1307_MarkedDemo()
    {
        var decisions = DemoTasks2024.Decisions();

        Assert.Equal(["808/QĐ-UBND", "1307/QĐ-UBND"], decisions.Select(d => d.Number));
        Assert.All(decisions, d => Assert.True(d.Demo && d.Title.StartsWith("[DEMO]", StringComparison.Ordinal)));
        Assert.All(Tasks, t => Assert.True(t.Demo));
        Assert.True(Tasks.Count >= 12);
    }

    [Fact]
    public void Tasks_UnitsBlocksAndIndicators_AreThoseOfTheSeededPlan()
    {
        var plan = Samples.Plan;

        Assert.All(Tasks, t =>
        {
            Assert.True(plan.Units.ContainsKey(t.LeadUnitCode), t.LeadUnitCode);
            Assert.All(t.CoordinatingUnitCodes, c => Assert.True(plan.Units.ContainsKey(c), c));
            Assert.All(t.IndicatorCodes, i => Assert.Contains(i, plan.Indicators));
            Assert.Equal(plan.BlockOf(t.LeadUnitCode) ?? t.Block, t.Block);
        });
    }

    [Fact]
    public void MidYear_SomeDoneOnTimeSomeLateSomeOverdue_AcrossOfficesAndCommunes()
    {
        var statuses = Tasks.Select(t => (Task: t, Assessment: TaskStatusRules.Assess(t, MidYear))).ToList();

        Assert.Contains(statuses, s => s.Assessment.Status == TaskStatus.DoneOnTime);
        Assert.Contains(statuses, s => s.Assessment.Status == TaskStatus.DoneLate);
        Assert.Contains(statuses, s => s.Assessment.Status == TaskStatus.InProgressOnTime);
        var overdue = statuses.Where(s => s.Assessment.Overdue).Select(s => s.Task.LeadUnitCode).ToList();
        Assert.True(overdue.Count >= 3, string.Join(", ", overdue));
        Assert.Contains(overdue, u => Samples.Plan.Units[u].Kind == UnitKind.Commune);
        Assert.Contains(overdue, u => Samples.Plan.Units[u].Kind == UnitKind.Office);
    }

    [Fact]
    public void Extensions_OneGrantedOneRefused_TheGrantedOneKeepsItsTaskOnTime()
    {
        var granted = Tasks.Single(t => t.Extensions.Any(e => e.Decision == ExtensionDecision.Granted));
        var refused = Tasks.Single(t => t.Extensions.Any(e => e.Decision == ExtensionDecision.Refused));

        Assert.Equal(TaskStatus.InProgressOnTime, TaskStatusRules.Assess(granted, MidYear).Status);
        Assert.Equal(TaskStatus.InProgressOverdue, TaskStatusRules.Assess(refused, MidYear).Status);
    }
}

using TuyPhuoc.KeyTasks.Domain;
using TuyPhuoc.KeyTasks.Grpc;
using static TuyPhuoc.KeyTasks.Tests.Samples;
using Proto = TuyPhuoc.Contracts.Tasks.V1;

namespace TuyPhuoc.KeyTasks.Tests;

/// <summary>What the feed tells of a task's change, from the entry stored with it: the request an extension's change concerns travels with it.</summary>
public sealed class ChangeEntryTests
{
    private static DateOnly D(int month, int day) => new(2024, month, day);

    private static Proto.Change Read(string kind, KeyTask task, ExtensionRequest? extension, DateOnly today)
    {
        var entry = ChangeLogEntry.For(kind, task.Id.ToString(), Mapping.EntryData(task, TaskStatusRules.Assess(task, today), extension));
        entry.Sequence = 17;
        return Mapping.ToChange(entry);
    }

    [Theory]
    [InlineData(true, Proto.ExtensionDecision.Granted, "30/09/2024")]
    [InlineData(false, Proto.ExtensionDecision.Refused, "30/06/2024")]
    public void ExtensionDecided_TheDecisionItsReasonAndTheDateAskedFor_BesideTheTaskWithItsDeadlineInForce(bool grant, Proto.ExtensionDecision decision, string inForce)
    {
        var task = Task(Day(6, 30));
        TaskWorkflow.RequestExtension(task, Reporter("TN_MT"), D(9, 30), "Chờ phê duyệt giá đất", DateTimeOffset.Parse("2024-06-10T08:00:00+07:00"), D(6, 10));
        task.Extensions[0].Id = 5;
        var decided = TaskWorkflow.DecideExtension(task, 5, grant, "Ý kiến của Chủ tịch UBND huyện", "tckh-1", DateTimeOffset.Parse("2024-06-12T08:00:00+07:00"), D(6, 12));

        var change = Read(ChangeKinds.TaskExtensionDecided, task, decided, D(6, 12));

        Assert.Equal((5L, decision, "Ý kiến của Chủ tịch UBND huyện"), (change.Extension.Id, change.Extension.Decision, change.Extension.DecisionReason));
        Assert.Equal(new Google.Type.Date { Year = 2024, Month = 9, Day = 30 }, change.Extension.RequestedDueDate);
        Assert.Equal(inForce, change.Task.Deadline.Label);
        Assert.Empty(change.Task.Extensions);
    }

    [Fact]
    public void ProgressReported_NoExtension()
    {
        var change = Read(ChangeKinds.TaskProgressReported, Task(Day(6, 30)), null, D(6, 12));

        Assert.Null(change.Extension);
        Assert.Equal("TN_MT", change.Task.LeadUnitCode);
    }
}

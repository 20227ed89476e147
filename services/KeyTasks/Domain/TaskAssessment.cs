namespace TuyPhuoc.KeyTasks.Domain;

/// <summary>Where a task stands on a day.</summary>
/// <param name="Deadline">The deadline in force that day.</param>
/// <param name="OverdueSince">The first day it stood overdue, while it is; null otherwise.</param>
/// <param name="Latest">The last report made by that day.</param>
/// <param name="AwaitsConfirmation">Done late only because the report came after the deadline, with a completion day within it.</param>
public sealed record TaskAssessment(DateOnly AsOf, TaskStatus Status, DateOnly? OverdueSince, int PercentDone, Deadline Deadline, ProgressReport? Latest,
    bool AwaitsConfirmation = false)
{
    public bool Overdue => OverdueSince is not null;
}

namespace TuyPhuoc.KeyTasks.Domain;

/// <summary>A row of a decision's task list (nhiệm vụ trọng tâm), with what its lead unit reported and what was asked of its deadline.</summary>
public sealed class KeyTask
{
    public Guid Id { get; set; }
    public Guid DecisionId { get; set; }
    public required string DecisionNumber { get; set; }
    /// <summary>The decision's date: the day the task began.</summary>
    public DateOnly StartsOn { get; set; }
    public int Year { get; set; }
    /// <summary>Its place in the list.</summary>
    public int Position { get; set; }
    public required string Number { get; set; }
    public string Field { get; set; } = "";
    public required string Content { get; set; }
    public required string LeadUnitCode { get; set; }
    public string[] CoordinatingUnitCodes { get; set; } = [];
    public required string Block { get; set; }
    public DeadlineKind DeadlineKind { get; set; }
    public DateOnly? DueDate { get; set; }
    public string Product { get; set; } = "";
    public string[] IndicatorCodes { get; set; } = [];
    public string Note { get; set; } = "";
    public bool Demo { get; set; }
    public List<ProgressReport> Progress { get; set; } = [];
    public List<TaskComment> Comments { get; set; } = [];
    public List<ExtensionRequest> Extensions { get; set; } = [];

    public Deadline OriginalDeadline => new(DeadlineKind, DueDate);

    /// <summary>Whether a unit leads the task or coordinates it.</summary>
    public bool Involves(string unitCode) => LeadUnitCode == unitCode || CoordinatingUnitCodes.Contains(unitCode);
}

/// <summary>The access table applied to tasks: a unit sees the tasks it leads or coordinates, a block leader those of its block.</summary>
public static class TaskAccess
{
    public static bool SeesTask(this CallerScope caller, KeyTask task) => caller.Grant switch
    {
        Grant.All => true,
        Grant.OwnUnit => caller.Unit is { } unit && task.Involves(unit),
        Grant.OwnBlock => task.Block == caller.Block,
        _ => false,
    };

    public static void DemandTask(this CallerScope caller, KeyTask task)
    {
        if (!caller.SeesTask(task)) throw new PermissionDeniedException(caller.Grant == Grant.OwnBlock
            ? $"Task {task.Number} of {task.DecisionNumber} belongs to the {task.Block} block, not to {caller.Block}."
            : $"{caller.Unit} neither leads nor coordinates task {task.Number} of {task.DecisionNumber}.");
    }
}

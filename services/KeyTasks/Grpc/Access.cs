using TuyPhuoc.KeyTasks.Domain;
using TuyPhuoc.ServiceDefaults;

namespace TuyPhuoc.KeyTasks.Grpc;

/// <summary>
/// The access table applied to tasks: open to the roles granted all, to the units that lead or coordinate a task, and
/// to the leader of the task's block.
/// </summary>
public static class Access
{
    public static bool Sees(CallerScope caller, KeyTask task) => caller.Grant switch
    {
        Grant.All => true,
        Grant.OwnUnit => caller.Unit is { } unit && task.Involves(unit),
        Grant.OwnBlock => task.Block == caller.Block,
        _ => false,
    };

    public static void Demand(CallerScope caller, KeyTask task)
    {
        if (!Sees(caller, task)) throw new PermissionDeniedException(caller.Grant == Grant.OwnBlock
            ? $"Task {task.Number} of {task.DecisionNumber} belongs to the {task.Block} block, not to {caller.Block}."
            : $"{caller.Unit} neither leads nor coordinates task {task.Number} of {task.DecisionNumber}.");
    }

    /// <summary>A filter the caller asks for within its scope: its own unit or block when it names none, a refusal when it names another.</summary>
    public static string? Within(CallerScope caller, Grant scoped, string? asked, string? own, string what)
    {
        if (caller.Grant != scoped) return asked;
        if (asked is not null && asked != own) throw new PermissionDeniedException($"A caller of {own} may not read the tasks of {what} {asked}.");
        return own;
    }
}

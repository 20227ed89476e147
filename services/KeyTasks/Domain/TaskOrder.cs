namespace TuyPhuoc.KeyTasks.Domain;

/// <summary>The order tasks are listed in: overdue first, longest overdue first, then by decision and place in its list.</summary>
public static class TaskOrder
{
    /// <summary>A key whose ordinal order is the listing's order (and the page token's).</summary>
    public static string Key(KeyTask task, TaskAssessment a) => string.Create(CultureInfo.InvariantCulture,
        $"{(a.OverdueSince is { } since ? "0" + since.ToString("yyyyMMdd", CultureInfo.InvariantCulture) : "19")}|{task.StartsOn:yyyyMMdd}|{task.DecisionId:N}|{task.Position:D5}");
}

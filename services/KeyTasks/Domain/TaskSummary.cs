namespace TuyPhuoc.KeyTasks.Domain;

/// <summary>Counts by status and the overdue tasks, longest overdue first.</summary>
public sealed record TaskSummary(IReadOnlyDictionary<TaskStatus, int> Counts, IReadOnlyList<(KeyTask Task, TaskAssessment Assessment)> Overdue)
{
    public int Total => Counts.Values.Sum();

    public static TaskSummary Of(IEnumerable<(KeyTask Task, TaskAssessment Assessment)> tasks)
    {
        var all = tasks.ToList();
        var counts = Enum.GetValues<TaskStatus>().Where(s => s != TaskStatus.Unspecified).ToDictionary(s => s, s => all.Count(t => t.Assessment.Status == s));
        var overdue = all.Where(t => t.Assessment.Overdue).OrderBy(t => TaskOrder.Key(t.Task, t.Assessment), StringComparer.Ordinal).ToList();
        return new(counts, overdue);
    }
}

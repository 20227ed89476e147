using TuyPhuoc.Contracts.Plans.V1;
using TuyPhuoc.Contracts.Tasks.V1;

namespace TuyPhuoc.Portal.Features;

/// <summary>
/// The key tasks of a year open to the person, overdue ones first as KeyTasks lists them, with their counts; for a
/// reporting unit split into those it leads and those it coordinates. The plan's units name the units.
/// </summary>
public sealed record KeyTasksView(int Year, TaskCounts? Counts, IReadOnlyList<KeyTask> All, string? Unit, IReadOnlyDictionary<string, Unit> Units)
{
    public IEnumerable<KeyTask> Led => All.Where(t => t.LeadUnitCode == Unit);
    public IEnumerable<KeyTask> Coordinated => All.Where(t => Unit is not null && t.LeadUnitCode != Unit);
}

/// <summary>One key task with its history, comments and extensions, and the plan's units to name them.</summary>
public sealed record KeyTaskView(KeyTask Task, IReadOnlyDictionary<string, Unit> Units)
{
    public string UnitName(string code) => Units.GetValueOrDefault(code)?.Name ?? code;
}

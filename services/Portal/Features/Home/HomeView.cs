using TuyPhuoc.Contracts.Evaluation.V1;
using TuyPhuoc.Contracts.Plans.V1;

namespace TuyPhuoc.Portal.Features;

public sealed record HomeRow(string Code, string Name, string UnitOfMeasure, Status Status, double? Progress, bool CheckpointDue, bool PassesCheckpoints);

/// <summary>A unit's scorecard of a quarter: each indicator's status, progress and checkpoint, in the scorecard's order.</summary>
public sealed record HomeView(string Unit, int Year, int Quarter, IReadOnlyList<HomeRow> Rows)
{
    public int CheckpointsDue => Rows.Count(r => r.CheckpointDue);
    public int CheckpointsPassed => Rows.Count(r => r.CheckpointDue && r.PassesCheckpoints);

    public static HomeView From(string unit, int year, int quarter, IEnumerable<IndicatorStatus> statuses, IReadOnlyDictionary<string, Indicator> catalog) =>
        new(unit, year, quarter, [.. statuses.Select(s => new HomeRow(s.IndicatorCode, catalog.GetValueOrDefault(s.IndicatorCode)?.Name ?? s.IndicatorCode,
            catalog.GetValueOrDefault(s.IndicatorCode)?.UnitOfMeasure ?? "", s.Status, s.HasProgress ? s.Progress : null, s.CheckpointDue, s.PassesCheckpoints))]);
}

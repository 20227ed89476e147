namespace TuyPhuoc.KeyTasks.Processing;

/// <summary>Each year's units and catalog as the task rules see them, made from what the suite's plan reader holds.</summary>
public sealed class PlanUnitsReader(PlanReader reader)
{
    /// <summary>The year's units and indicators, or null when the year has no plan (or lies outside the plan years).</summary>
    public async Task<PlanUnits?> GetAsync(int year, CancellationToken ct) =>
        PlanCalendar.IsPlanYear(year) ? await reader.GetAsync(year, From, ct) : null;

    public static PlanUnits From(PublishedPlan plan) => new(
        plan.Year,
        plan.Units.Values.ToDictionary(u => u.Code, u => new UnitInfo(u.Code, u.Name, (UnitKind)u.Kind, Blocks.Of(u))),
        plan.Catalog.Keys.ToHashSet());
}

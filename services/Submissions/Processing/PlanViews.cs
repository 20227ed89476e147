namespace TuyPhuoc.Submissions.Processing;

/// <summary>Each year's plan as the submission rules see it, made from what the suite's plan reader holds.</summary>
public sealed class PlanViews(PlanReader reader)
{
    /// <summary>The plan of the year, or null when the year has no plan.</summary>
    public Task<PlanView?> GetAsync(int year, CancellationToken ct) => reader.GetAsync(year, From, ct);

    /// <summary>Like <see cref="GetAsync(int, CancellationToken)"/>, reading the plan again once when it lacks what the caller was told of.</summary>
    public Task<PlanView?> GetAsync(int year, Func<PlanView, bool> knows, CancellationToken ct) => reader.GetAsync(year, From, knows, ct);

    /// <summary>
    /// What actuals of the year are checked against: its plan, or for a past year without one its units and the catalog, as
    /// history (<see cref="PlanView.History"/>); null for a year not over without a plan.
    /// </summary>
    public async Task<PlanView?> ForActualsAsync(int year, DateOnly today, Func<PlanView, bool>? knows, CancellationToken ct) =>
        await (knows is null ? GetAsync(year, ct) : GetAsync(year, knows, ct))
        ?? (year < today.Year ? History(year, await reader.DirectoryAsync(ct, year)) : null);

    public static PlanView From(PublishedPlan plan) => new(plan.Year, Catalog(plan.Catalog), Units(plan.Units.Values),
        plan.Assignments.ToDictionary(a => a.Key, IReadOnlySet<string> (a) => a.Value.Select(i => i.IndicatorCode).ToHashSet()));

    private static PlanView History(int year, PlanDirectory directory) => new(year, Catalog(directory.Indicators), Units(directory.Units),
        new Dictionary<string, IReadOnlySet<string>>(), history: true);

    private static Dictionary<string, IndicatorInfo> Catalog(IReadOnlyDictionary<string, Contracts.Plans.V1.Indicator> catalog) =>
        catalog.Values.ToDictionary(i => i.Code, i => new IndicatorInfo(i.Code, i.MeasureKind.ToDomain(), i.Range?.Min, i.Range?.Max, Blocks.Name(i.Block), Text.Optional(i.ResponsibleOfficeCode)));

    private static Dictionary<string, UnitInfo> Units(IEnumerable<Contracts.Plans.V1.Unit> units) =>
        units.ToDictionary(u => u.Code, u => new UnitInfo(u.Code, (UnitKind)u.Kind, Blocks.Of(u)));
}

/// <summary>The access table applied to a unit's submissions: a block leader sees the units of its sector block in the year's plan.</summary>
public static class UnitAccess
{
    public static async Task<Func<string, bool>> SeesUnitsAsync(this CallerScope caller, PlanViews plans, int year, CancellationToken ct)
    {
        var plan = caller.Grant == Grant.OwnBlock && PlanCalendar.IsPlanYear(year) ? await plans.GetAsync(year, ct) : null;
        return caller.SeesUnits(unit => plan?.Units.GetValueOrDefault(unit)?.Block);
    }

    public static async Task DemandUnitAsync(this CallerScope caller, PlanViews plans, string unit, int year, CancellationToken ct)
    {
        if (!(await caller.SeesUnitsAsync(plans, year, ct))(unit)) caller.DemandUnit(unit, null);
    }

    /// <summary>
    /// The indicators of a unit's values the caller may read: all of a unit it sees; of another unit, a block leader
    /// reads those of its block's indicators (the communes' figures and causes behind the block's); anyone else is refused.
    /// </summary>
    public static async Task<Func<string, bool>> ReadableIndicatorsAsync(this CallerScope caller, PlanViews plans, string unit, int year, CancellationToken ct)
    {
        if ((await caller.SeesUnitsAsync(plans, year, ct))(unit)) return _ => true;
        if (caller.Grant == Grant.OwnBlock && PlanCalendar.IsPlanYear(year) && await plans.GetAsync(year, ct) is { } plan && plan.Units.ContainsKey(unit))
        {
            return indicator => plan.Indicators.GetValueOrDefault(indicator)?.Block == caller.Block;
        }
        caller.DemandUnit(unit, null);
        return _ => false;
    }
}

using Plans = TuyPhuoc.Contracts.Plans.V1;

// Keeps the hosting namespace while the portal names it in full (TuyPhuoc.ServiceDefaults.PublishedPlan.BlockNames).
namespace TuyPhuoc.ServiceDefaults;

/// <summary>A year's plan as IndicatorPlans publishes it: the plan in force, the catalog, the units of the year and who reports what.</summary>
public sealed record PublishedPlan(
    Plans.Plan Plan,
    IReadOnlyDictionary<string, Plans.Indicator> Catalog,
    IReadOnlyDictionary<string, Plans.Unit> Units,
    IReadOnlyDictionary<string, IReadOnlyList<Plans.AssignedIndicator>> Assignments,
    string DistrictCode)
{
    public int Year => Plan.Year;

    /// <summary>
    /// The plan in force at the end of each quarter, as IndicatorPlans decides it (a revision that applies from the start
    /// of the year counts for every quarter): what each quarter is judged against. Four times <see cref="Plan"/> when
    /// the year has one revision, or when the reader does not read revisions.
    /// </summary>
    public IReadOnlyList<Plans.Plan> AtQuarterEnds { get; init; } = [Plan, Plan, Plan, Plan];

    /// <summary>Every revision of the year's plan, in order; empty when the reader does not read revisions.</summary>
    public IReadOnlyList<Plans.PlanRevision> Revisions { get; init; } = [];

    public IReadOnlyList<Plans.AssignedIndicator> AssignedTo(string unitCode) => Assignments.GetValueOrDefault(unitCode) ?? [];

    // The portal's callers until its features move to TuyPhuoc.PlanModel.Blocks.
    public static IReadOnlyList<string> BlockNames => PlanModel.Blocks.Names;

    public static string BlockName(Plans.SectorBlock block) => PlanModel.Blocks.Name(block);
}

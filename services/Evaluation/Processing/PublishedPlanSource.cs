namespace TuyPhuoc.Evaluation.Processing;

/// <summary>The plans the suite's plan reader holds, as the evaluation sees them.</summary>
public sealed class PublishedPlanSource(PlanReader reader) : IPlanSource
{
    public Task<PlanSnapshot?> GetAsync(int year, CancellationToken ct) =>
        reader.GetAsync(year, ToSnapshot, ct);

    /// <summary>Today's plan, with the plan in force at each quarter's end when one differs from it.</summary>
    public static PlanSnapshot ToSnapshot(PublishedPlan plan)
    {
        var decisions = plan.Revisions.ToDictionary(r => r.Revision, r => r.DecisionNumber);
        var today = PlanMapping.ToSnapshot(plan.Plan, plan.Catalog.Values, plan.DistrictCode, decisions);
        if (plan.AtQuarterEnds.All(p => p.Equals(plan.Plan))) return today;
        return today with
        {
            AtQuarterEnds = [.. plan.AtQuarterEnds.Select(p => p.Equals(plan.Plan) ? today : PlanMapping.ToSnapshot(p, plan.Catalog.Values, plan.DistrictCode, decisions))],
        };
    }

    public async Task<IReadOnlyDictionary<string, string>> MergersAsync(int year, CancellationToken ct) =>
        (await reader.DirectoryAsync(ct, year)).Units.Where(u => u.MergedIntoCode.Length > 0).ToDictionary(u => u.Code, u => u.MergedIntoCode);

    public void Invalidate(int? year = null) => reader.Invalidate(year);
}

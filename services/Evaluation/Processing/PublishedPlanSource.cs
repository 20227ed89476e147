using TuyPhuoc.Evaluation.Domain;
using TuyPhuoc.ServiceDefaults;

namespace TuyPhuoc.Evaluation.Processing;

/// <summary>The plans the suite's plan reader holds, as the evaluation sees them.</summary>
public sealed class PublishedPlanSource(PlanReader reader) : IPlanSource
{
    public Task<PlanSnapshot?> GetAsync(int year, CancellationToken ct) =>
        reader.GetAsync(year, p => PlanMapping.ToSnapshot(p.Plan, p.Catalog.Values, p.DistrictCode), ct);

    public void Invalidate(int? year = null) => reader.Invalidate(year);
}

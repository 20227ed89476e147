using TuyPhuoc.Contracts.Evaluation.V1;

namespace TuyPhuoc.Portal.Features;

/// <summary>A unit's year on its home page: the quarter's scorecard, all pages, with the indicators' names.</summary>
public sealed class HomeReader(Evaluation.EvaluationClient evaluation, PlanCache plans)
{
    public async Task<HomeView> ReadAsync(string unit, int year, int quarter, CallOptions call)
    {
        var statuses = Paging.AllAsync(
            token => evaluation.GetScorecardAsync(new GetScorecardRequest { UnitCode = unit, Year = year, Quarter = quarter, PageSize = Paging.MaxPageSize, PageToken = token }, call).ResponseAsync,
            page => (page.Statuses, page.NextPageToken)).ToListAsync().AsTask();
        var catalog = await plans.IndicatorsAsync(call);
        return HomeView.From(unit, year, quarter, await statuses, catalog);
    }
}

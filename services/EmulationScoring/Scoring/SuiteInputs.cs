using System.Collections.Concurrent;
using Grpc.Core;
using TuyPhuoc.EmulationScoring.Domain;
using Plans = TuyPhuoc.Contracts.Plans.V1;
using Subs = TuyPhuoc.Contracts.Submissions.V1;

namespace TuyPhuoc.EmulationScoring.Scoring;

/// <summary>The inputs from IndicatorPlans and Submissions over gRPC; a year's plan is cached briefly, since every recomputation needs it.</summary>
public sealed class SuiteInputs(Plans.IndicatorPlans.IndicatorPlansClient plans, Subs.Submissions.SubmissionsClient submissions, PlanCache cache)
    : IScoringInputs
{
    private const int PageSize = 1000;

    public Task<YearPlan?> PlanAsync(int year, CancellationToken ct) => cache.GetAsync(year, LoadPlanAsync, ct);

    private async Task<YearPlan?> LoadPlanAsync(int year, CancellationToken ct)
    {
        Plans.Plan plan;
        try { plan = await plans.GetPlanAsync(new Plans.GetPlanRequest { Year = year }, cancellationToken: ct); }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound) { return null; }

        var catalog = new List<Plans.Indicator>();
        var token = "";
        do
        {
            var page = await plans.ListIndicatorsAsync(new Plans.ListIndicatorsRequest { PageSize = PageSize, PageToken = token }, cancellationToken: ct);
            catalog.AddRange(page.Indicators);
            token = page.NextPageToken;
        } while (token != "");

        // Units that existed at some time in the year: those of its first day and of its last.
        var units = new List<Plans.Unit>();
        foreach (var day in new[] { new Google.Type.Date { Year = year, Month = 1, Day = 1 }, new Google.Type.Date { Year = year, Month = 12, Day = 31 } })
        {
            token = "";
            do
            {
                var page = await plans.ListUnitsAsync(new Plans.ListUnitsRequest { AsOf = day, PageSize = PageSize, PageToken = token }, cancellationToken: ct);
                units.AddRange(page.Units);
                token = page.NextPageToken;
            } while (token != "");
        }
        return YearPlan.From(plan, catalog, units);
    }

    public async Task<IReadOnlyList<ReportFact>> ReportsAsync(string unitCode, int year, CancellationToken ct)
    {
        var facts = new List<ReportFact>();
        var token = "";
        do
        {
            var page = await submissions.ListTimelinessAsync(
                new Subs.ListTimelinessRequest { Year = year, UnitCode = unitCode, PageSize = PageSize, PageToken = token }, cancellationToken: ct);
            facts.AddRange(page.Entries.Where(e => e.UnitCode == unitCode).Select(e => e.ToFact()));
            token = page.NextPageToken;
        } while (token != "");
        return facts;
    }

    public async Task<IReadOnlyList<EscalationFact>> EscalationsAssignedToAsync(string officeCode, int year, CancellationToken ct)
    {
        var facts = new List<EscalationFact>();
        var token = "";
        do
        {
            var page = await submissions.ListEscalationsAsync(
                new Subs.ListEscalationsRequest { Year = year, OfficeCode = officeCode, PageSize = PageSize, PageToken = token }, cancellationToken: ct);
            facts.AddRange(page.Escalations.Where(e => e.AssignedOfficeCode == officeCode).Select(e => e.ToFact()));
            token = page.NextPageToken;
        } while (token != "");
        return facts;
    }
}

/// <summary>Each year's plan for a minute: every recomputation and every scheme change needs it.</summary>
public sealed class PlanCache(TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<int, (YearPlan? Plan, DateTimeOffset At)> _plans = new();

    public async Task<YearPlan?> GetAsync(int year, Func<int, CancellationToken, Task<YearPlan?>> load, CancellationToken ct)
    {
        if (_plans.TryGetValue(year, out var cached) && clock.GetUtcNow() - cached.At < Lifetime) return cached.Plan;
        var plan = await load(year, ct);
        _plans[year] = (plan, clock.GetUtcNow());
        return plan;
    }
}

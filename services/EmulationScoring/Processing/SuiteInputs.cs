using TuyPhuoc.EmulationScoring.Domain;
using TuyPhuoc.ServiceDefaults;
using Subs = TuyPhuoc.Contracts.Submissions.V1;

namespace TuyPhuoc.EmulationScoring.Processing;

/// <summary>The inputs from IndicatorPlans (through the suite's plan reader) and Submissions over gRPC.</summary>
public sealed class SuiteInputs(PlanReader plans, Subs.Submissions.SubmissionsClient submissions) : IScoringInputs
{
    private const int PageSize = 1000;

    public Task<YearPlan?> PlanAsync(int year, CancellationToken ct) => plans.GetAsync(year, YearPlan.From, ct);

    public async Task<IReadOnlyList<ReportFact>> ReportsAsync(string unitCode, int year, CancellationToken ct) =>
        await Paging.AllAsync(t => submissions.ListTimelinessAsync(
                new Subs.ListTimelinessRequest { Year = year, UnitCode = unitCode, PageSize = PageSize, PageToken = t }, cancellationToken: ct).ResponseAsync,
            r => (r.Entries, r.NextPageToken))
            .Where(e => e.UnitCode == unitCode).Select(e => e.ToFact()).ToListAsync(ct);

    public async Task<IReadOnlyList<EscalationFact>> EscalationsAssignedToAsync(string officeCode, int year, CancellationToken ct) =>
        await Paging.AllAsync(t => submissions.ListEscalationsAsync(
                new Subs.ListEscalationsRequest { Year = year, OfficeCode = officeCode, PageSize = PageSize, PageToken = t }, cancellationToken: ct).ResponseAsync,
            r => (r.Escalations, r.NextPageToken))
            .Where(e => e.AssignedOfficeCode == officeCode).Select(e => e.ToFact()).ToListAsync(ct);
}

namespace TuyPhuoc.EmulationScoring.Processing;

/// <summary>The inputs from IndicatorPlans (through the suite's plan reader), Submissions and KeyTasks over gRPC.</summary>
public sealed class SuiteInputs(PlanReader plans, Subs.Submissions.SubmissionsClient submissions, Tasks.KeyTasks.KeyTasksClient keyTasks, DistrictClock clock) : IScoringInputs
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
            .Where(e => e.AssignedOfficeCode == officeCode).Select(e => e.ToFact(clock)).ToListAsync(ct);

    public async Task<IReadOnlyList<KeyTaskFact>> OverdueKeyTasksAsync(string unitCode, int year, CancellationToken ct) =>
        (await keyTasks.SummarizeTasksAsync(new Tasks.SummarizeTasksRequest { Year = year, LeadUnitCode = unitCode, AsOf = new DateOnly(year, 12, 31).ToProto() },
            cancellationToken: ct)).Overdue
        .Where(t => t.LeadUnitCode == unitCode).Select(t => new KeyTaskFact(t.Id, t.DecisionNumber, t.Number, t.Content, t.Deadline?.Label ?? "")).ToList();
}

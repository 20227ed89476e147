using TuyPhuoc.Contracts.Plans.V1;
using TuyPhuoc.Contracts.Submissions.V1;

namespace TuyPhuoc.Portal.Features;

/// <summary>A unit's escalations: listed all pages, raised, answered and closed through Submissions.</summary>
public sealed class EscalationsReader(Submissions.SubmissionsClient submissions, PlanCache plans)
{
    public async Task<EscalationsView> ReadAsync(string unit, int year, CallOptions call)
    {
        var raised = ListAsync(new ListEscalationsRequest { Year = year, UnitCode = unit }, call);
        // An office answers the escalations assigned to it; a commune or town is assigned none.
        var office = (await plans.UnitsByCodeAsync(call)).GetValueOrDefault(unit)?.Kind == UnitKind.Office;
        var assigned = office ? await ListAsync(new ListEscalationsRequest { Year = year, OfficeCode = unit }, call) : [];
        return new EscalationsView(unit, year, await raised, [.. assigned.Where(e => e.Unit != unit)], await plans.AssignmentsAsync(unit, year, call));
    }

    public Task RaiseAsync(EscalationsView view, string title, string description, IEnumerable<string> indicators, string key, CallOptions call) =>
        submissions.RaiseEscalationAsync(new RaiseEscalationRequest
        {
            UnitCode = view.Unit, Year = view.Year, Title = title, Description = description, IndicatorCodes = { indicators }, IdempotencyKey = key,
        }, call).ResponseAsync;

    public Task AnswerAsync(string id, string answer, string key, CallOptions call) =>
        submissions.AnswerEscalationAsync(new AnswerEscalationRequest { Id = id, Answer = answer, IdempotencyKey = key }, call).ResponseAsync;

    /// <summary>Closes an escalation; <paramref name="note"/> says why when it closes unanswered.</summary>
    public Task CloseAsync(string id, string note, string key, CallOptions call) =>
        submissions.CloseEscalationAsync(new CloseEscalationRequest { Id = id, Note = note, IdempotencyKey = key }, call).ResponseAsync;

    private Task<List<EscalationLine>> ListAsync(ListEscalationsRequest request, CallOptions call) => Paging.AllAsync(
        token => submissions.ListEscalationsAsync(new(request) { PageSize = Paging.MaxPageSize, PageToken = token }, call).ResponseAsync,
        page => (page.Escalations.Select(EscalationLine.From), page.NextPageToken)).ToListAsync().AsTask();
}

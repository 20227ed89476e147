using TuyPhuoc.Contracts.Plans.V1;
using TuyPhuoc.Contracts.Submissions.V1;

namespace TuyPhuoc.Portal.Features;

/// <summary>
/// Escalations: a unit's (listed all pages, raised, answered and closed) and the planning office's register of the
/// district's (filtered, assigned to an office, referred upward and the answer from above recorded), through Submissions.
/// </summary>
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

    /// <summary>The district's escalations of the year that <paramref name="filter"/> asks for, with the offices and indicators to choose from.</summary>
    public async Task<EscalationRegisterView> ReadRegisterAsync(int year, EscalationFilter filter, CallOptions call)
    {
        var found = ListAsync(new ListEscalationsRequest
        {
            Year = year, Status = filter.Status, OverdueOnly = filter.OverdueOnly, OfficeCode = filter.Office, IndicatorCode = filter.Indicator,
        }, call);
        var units = await plans.UnitsAsync(call);
        var indicators = await plans.IndicatorsAsync(call);
        return new EscalationRegisterView(year, filter, await found,
            [.. units.Where(u => u.Kind == UnitKind.Office).OrderBy(u => u.Name, StringComparer.Create(VietNumber.Culture, false)).Select(u => new NamedCode(u.Code, u.Name))],
            [.. indicators.Values.OrderBy(i => i.Code, StringComparer.Ordinal).Select(i => new NamedCode(i.Code, $"{i.Code} · {i.Name}"))],
            units.ToDictionary(u => u.Code, u => u.Name));
    }

    public Task RaiseAsync(EscalationsView view, string title, string description, IEnumerable<string> indicators, string key, CallOptions call) =>
        submissions.RaiseEscalationAsync(new RaiseEscalationRequest
        {
            UnitCode = view.Unit, Year = view.Year, Title = title, Description = description, IndicatorCodes = { indicators }, IdempotencyKey = key,
        }, call).ResponseAsync;

    public Task AssignAsync(string id, string office, DateOnly? due, string key, CallOptions call) =>
        submissions.AssignEscalationAsync(new AssignEscalationRequest { Id = id, OfficeCode = office, DueDate = due.ToProto(), IdempotencyKey = key }, call).ResponseAsync;

    public Task AnswerAsync(string id, string answer, string key, CallOptions call) =>
        submissions.AnswerEscalationAsync(new AnswerEscalationRequest { Id = id, Answer = answer, IdempotencyKey = key }, call).ResponseAsync;

    /// <summary>"Chuyển cấp trên": referred to <paramref name="authority"/> by the district's document.</summary>
    public Task ReferAsync(string id, string authority, string number, DateOnly? date, string key, CallOptions call) =>
        submissions.ReferEscalationAsync(new ReferEscalationRequest
        {
            Id = id, Authority = authority, DocumentNumber = number, DocumentDate = date.ToProto(), IdempotencyKey = key,
        }, call).ResponseAsync;

    public Task RecordReferralAnswerAsync(string id, string answeredBy, string number, DateOnly? date, string answer, string key, CallOptions call) =>
        submissions.RecordReferralAnswerAsync(new RecordReferralAnswerRequest
        {
            Id = id, AnsweredBy = answeredBy, DocumentNumber = number, DocumentDate = date.ToProto(), Answer = answer, IdempotencyKey = key,
        }, call).ResponseAsync;

    /// <summary>Closes an escalation; <paramref name="note"/> says why when it closes unanswered.</summary>
    public Task CloseAsync(string id, string note, string key, CallOptions call) =>
        submissions.CloseEscalationAsync(new CloseEscalationRequest { Id = id, Note = note, IdempotencyKey = key }, call).ResponseAsync;

    private Task<List<EscalationLine>> ListAsync(ListEscalationsRequest request, CallOptions call) => Paging.AllAsync(
        token => submissions.ListEscalationsAsync(new(request) { PageSize = Paging.MaxPageSize, PageToken = token }, call).ResponseAsync,
        page => (page.Escalations.Select(EscalationLine.From), page.NextPageToken)).ToListAsync().AsTask();
}

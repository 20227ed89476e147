namespace TuyPhuoc.Submissions.Data;

/// <summary>Escalations: each step of <see cref="EscalationWorkflow"/> on the row locked, with its change-log entry.</summary>
public sealed class EscalationsStore(SubmissionsDbContext db, PlanViews plans, DistrictClock clock)
{
    public DateOnly Today => clock.Today;

    public async Task<Escalation> RaiseAsync(Caller caller, string unit, int year, IReadOnlyList<string> indicators, string title,
        string description, CancellationToken ct)
    {
        new Violations().RequirePlanYear(year, Today).ThrowIfAny();
        var plan = await plans.GetAsync(year, p => p.Units.ContainsKey(unit) && indicators.All(p.Indicators.ContainsKey), ct);
        var escalation = EscalationWorkflow.Raise(caller, unit, year, indicators, title, description, plan, clock.Now);
        db.Escalations.Add(escalation);
        return Log(ChangeKinds.EscalationRaised, escalation);
    }

    public async Task<Escalation> AssignAsync(Caller caller, Guid id, string office, DateOnly? dueDate, CancellationToken ct)
    {
        var escalation = await LockAsync(id, ct);
        var plan = await plans.GetAsync(escalation.Year, p => p.Units.ContainsKey(office), ct);
        EscalationWorkflow.Assign(escalation, office, dueDate, plan, clock.Now, Today, caller.Subject);
        return Log(ChangeKinds.EscalationAssigned, escalation);
    }

    public Task<Escalation> AnswerAsync(Caller caller, Guid id, string answer, CancellationToken ct) =>
        ChangeAsync(id, ChangeKinds.EscalationAnswered, e => EscalationWorkflow.Answer(e, caller, answer, clock.Now), ct);

    public Task<Escalation> CloseAsync(Caller caller, Guid id, string note, CancellationToken ct) =>
        ChangeAsync(id, ChangeKinds.EscalationClosed, e => EscalationWorkflow.Close(e, caller, note, clock.Now), ct);

    public Task<Escalation> ReferAsync(Caller caller, Guid id, string authority, string number, DateOnly? date, CancellationToken ct) =>
        ChangeAsync(id, ChangeKinds.EscalationReferred, e => EscalationWorkflow.Refer(e, authority, number, date, clock.Now, Today, caller.Subject), ct);

    public Task<Escalation> RecordReferralAnswerAsync(Caller caller, Guid id, string answeredBy, string number, DateOnly? date, string answer, CancellationToken ct) =>
        ChangeAsync(id, ChangeKinds.EscalationReferralAnswered,
            e => EscalationWorkflow.RecordReferralAnswer(e, answeredBy, number, date, answer, clock.Now, Today, caller.Subject), ct);

    public async Task<Escalation> GetAsync(Guid id, CancellationToken ct) =>
        await db.Escalations.AsNoTracking().Include(e => e.Steps.OrderBy(s => s.Id)).SingleOrDefaultAsync(e => e.Id == id, ct)
        ?? throw new NotFoundException($"Escalation {id} does not exist.");

    public async Task<List<Escalation>> ListAsync(int year, CancellationToken ct) =>
        await db.Escalations.AsNoTracking().Include(e => e.Steps.OrderBy(s => s.Id)).Where(e => e.Year == year).OrderBy(e => e.Id).ToListAsync(ct);

    private async Task<Escalation> ChangeAsync(Guid id, string kind, Action<Escalation> change, CancellationToken ct)
    {
        var escalation = await LockAsync(id, ct);
        change(escalation);
        return Log(kind, escalation);
    }

    private async Task<Escalation> LockAsync(Guid id, CancellationToken ct)
    {
        await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM escalations WHERE "Id" = {id} FOR UPDATE""", ct);
        return await db.Escalations.Include(e => e.Steps.OrderBy(s => s.Id)).SingleOrDefaultAsync(e => e.Id == id, ct)
            ?? throw new NotFoundException($"Escalation {id} does not exist.");
    }

    private Escalation Log(string kind, Escalation escalation)
    {
        db.ChangeLog.Add(ChangeLogEntry.For(kind, escalation.Id.ToString(), JsonFormatter.Default.Format(escalation.ToProto(Today))));
        return escalation;
    }
}

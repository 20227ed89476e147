namespace TuyPhuoc.EmulationScoring.Processing;

/// <summary>Takes in Submissions' report, escalation and deadline changes: they move the deductions of a unit (or of a whole year).</summary>
public sealed class SubmissionsFollower(IServiceScopeFactory scopes, DatabaseReady ready, ChangeSignal recompute, TimeProvider clock,
    FollowerHealth health, ILogger<SubmissionsFollower> logger) : StreamFollower<Subs.Change>(scopes, ready, recompute, clock, health, logger)
{
    protected override string Feed => Feeds.Submissions;

    protected override AsyncServerStreamingCall<Subs.Change> Watch(IServiceProvider services, long after, CancellationToken ct) =>
        services.GetRequiredService<Subs.Submissions.SubmissionsClient>().WatchChanges(new Subs.WatchChangesRequest { AfterSequence = after, Kinds = { ChangeKinds.ReportPrefix, ChangeKinds.EscalationPrefix, ChangeKinds.DeadlinesSet } }, cancellationToken: ct);

    protected override Task TakeAsync(EmulationScoringDbContext db, IReadOnlyList<Subs.Change> batch, ISet<int> finalYears, DateTimeOffset now, CancellationToken ct) =>
        MarkAsync(db, batch.SelectMany(Touched), finalYears, now, ct);

    public static IEnumerable<(int Year, string Unit, string TraceParent)> Touched(Subs.Change c)
    {
        if (c.Kind.StartsWith(ChangeKinds.ReportPrefix, StringComparison.Ordinal) && c.Report is { } report)
            yield return (report.Year, report.UnitCode, c.TraceParent);
        else if (c.Kind.StartsWith(ChangeKinds.EscalationPrefix, StringComparison.Ordinal) && c.Escalation is { } escalation)
            yield return (escalation.Year, escalation.AssignedOfficeCode, c.TraceParent);
        else if (c.Kind == ChangeKinds.DeadlinesSet && c.Deadlines is { } deadlines)
            yield return (deadlines.Year, PendingMarks.AllUnits, c.TraceParent);
    }
}

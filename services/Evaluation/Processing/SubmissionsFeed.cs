namespace TuyPhuoc.Evaluation.Processing;

public sealed class SubmissionsFeed(Submissions.Submissions.SubmissionsClient client) : StreamedFeed<Submissions.Change>(Name)
{
    public const string Name = "submissions";

    protected override AsyncServerStreamingCall<Submissions.Change> Watch(long afterSequence, CancellationToken ct) =>
        client.WatchChanges(new Submissions.WatchChangesRequest { AfterSequence = afterSequence }, cancellationToken: ct);

    protected override FeedEntry Read(Submissions.Change change)
    {
        var revised = change.SubjectCase == Submissions.Change.SubjectOneofCase.Actual && change.Kind == ChangeKinds.ActualRevised;
        // Submissions refuses values beyond ±1e15; one stored before that rule (or by hand) is not evaluated.
        var readable = !revised || double.IsFinite(change.Actual.Value) && Math.Abs(change.Actual.Value) <= InputBounds.MaxMagnitude;
        var actual = revised && readable
            ? new ActualChange(change.Actual.UnitCode, change.Actual.IndicatorCode, change.Actual.Year, change.Actual.Month,
                (decimal)change.Actual.Value, change.Sequence)
            : null;
        var report = change.SubjectCase == Submissions.Change.SubjectOneofCase.Report && change.Kind.StartsWith(ChangeKinds.ReportPrefix, StringComparison.Ordinal)
            ? new ReportChange(change.Report.UnitCode, change.Report.Year, change.Report.Month, change.Kind == ChangeKinds.ReportApproved, change.Sequence)
            : null;
        return FeedEntry.Of(change) with
        {
            Actual = actual,
            Unreadable = readable ? null : $"the value {change.Actual.Value:R} of {change.Key} is outside ±{InputBounds.MaxMagnitude:0e0}",
            Report = report,
        };
    }
}

using System.Runtime.CompilerServices;
using Grpc.Core;
using TuyPhuoc.Evaluation.Data;
using TuyPhuoc.ServiceDefaults;
using Submissions = TuyPhuoc.Contracts.Submissions.V1;

namespace TuyPhuoc.Evaluation.Processing;

public sealed class SubmissionsFeed(Submissions.Submissions.SubmissionsClient client) : IChangeFeed
{
    public const string Name = "submissions";
    public string Source => Name;

    public async IAsyncEnumerable<FeedEntry> WatchAsync(long afterSequence, [EnumeratorCancellation] CancellationToken ct)
    {
        using var call = client.WatchChanges(new Submissions.WatchChangesRequest { AfterSequence = afterSequence }, cancellationToken: ct);
        await foreach (var change in call.ResponseStream.ReadAllAsync(ct))
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
            yield return new FeedEntry(change.Sequence, change.OccurredAt?.ToDateTimeOffset() ?? DateTimeOffset.UtcNow, change.Kind, change.Key,
                Text.Optional(change.TraceParent), actual,
                Unreadable: readable ? null : $"the value {change.Actual.Value:R} of {change.Key} is outside ±{InputBounds.MaxMagnitude:0e0}",
                Report: report);
        }
    }
}

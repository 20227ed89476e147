namespace TuyPhuoc.Evaluation.Processing;

/// <summary>One entry of a source's change feed, reduced to what the evaluation acts on.</summary>
/// <param name="Year">The plan year of a plan change.</param>
/// <param name="IndicatorCodes">The indicators a plan change names.</param>
/// <param name="Report">A monthly report's step (submitted, approved, returned, reopened).</param>
/// <param name="Unreadable">Why the entry cannot be evaluated (a value the rules cannot compute with); applying it fails.</param>
public sealed record FeedEntry(
    long Sequence, DateTimeOffset OccurredAt, string Kind, string Key, string? TraceParent,
    ActualChange? Actual = null, int? Year = null, IReadOnlyList<string>? IndicatorCodes = null, string? Unreadable = null,
    ReportChange? Report = null)
{
    /// <summary>The header of a source's change message; what the source says of its subject is added with <c>with</c>.</summary>
    public static FeedEntry Of(IChangeMessage change) =>
        new(change.Sequence, change.OccurredAt?.ToDateTimeOffset() ?? DateTimeOffset.UtcNow, change.Kind, change.Key, Text.Optional(change.TraceParent));
}

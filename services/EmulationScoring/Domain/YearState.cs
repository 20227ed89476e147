namespace TuyPhuoc.EmulationScoring.Domain;

/// <summary>
/// Whether a year's scores are final. Finalisation freezes the scores and classification: later data changes
/// do not move them until the year is explicitly reopened. Both acts are audited (who, when, why).
/// </summary>
public sealed record YearStatus(int Year, bool Final, DateTimeOffset? ChangedAt, string ChangedBy, string Reason, int SchemeVersion)
{
    public static YearStatus Open(int year) => new(year, false, null, "", "", 0);

    /// <summary>A recomputation may replace the year's scores only while it is open.</summary>
    public bool AcceptsRecomputation => !Final;

    public YearStatus Finalize(string by, string reason, DateTimeOffset at, int schemeVersion)
    {
        RequireReason(reason);
        if (Final) throw new FailedPreconditionException($"The scores of {Year} are already final (since {ChangedAt:yyyy-MM-dd}, by {ChangedBy}).");
        if (schemeVersion < 1) throw new FailedPreconditionException($"There is no scheme for {Year}: nothing to finalise.");
        return new(Year, true, at, by, reason.Trim(), schemeVersion);
    }

    public YearStatus Reopen(string by, string reason, DateTimeOffset at)
    {
        RequireReason(reason);
        if (!Final) throw new FailedPreconditionException($"The scores of {Year} are not final: there is nothing to reopen.");
        return new(Year, false, at, by, reason.Trim(), SchemeVersion);
    }

    private static void RequireReason(string reason) =>
        new Violations().RequireText(reason, "reason", 1000).ThrowIfAny();
}

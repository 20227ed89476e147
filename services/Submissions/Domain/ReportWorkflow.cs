
namespace TuyPhuoc.Submissions.Domain;

/// <summary>
/// The monthly report's state machine: draft → submitted → approved (the month locks) or returned (the unit
/// corrects and sends again); an approved report can be reopened, an audited act with a reason, which hands it
/// back to the unit as returned.
/// </summary>
public static class ReportWorkflow
{
    public const int MaxReasonLength = 2000;

    public static bool IsLocked(ReportStatus status) => status == ReportStatus.Approved;

    /// <summary>Why nothing is stored in these months: the one refusal of a submission and of an import.</summary>
    public static string LockedMessage(IReadOnlyCollection<(string Unit, int Year, int Month)> months) => months.Count == 1
        ? $"The report {Report.KeyOf(months.First().Unit, months.First().Year, months.First().Month)} is approved and locked; ask the planning office to reopen it."
        : $"The reports {string.Join(", ", months.Select(m => Report.KeyOf(m.Unit, m.Year, m.Month)).Order(StringComparer.Ordinal))} are approved and locked; ask the planning office to reopen them.";

    public static void Submit(Report report, IReadOnlyCollection<string> missingIndicators, DateOnly receivedOn, DateTimeOffset at, string by)
    {
        if (report.Status is not (ReportStatus.Draft or ReportStatus.Returned))
        {
            throw new FailedPreconditionException($"The report {report.Key} is {Describe(report.Status)}; only a draft or returned report can be sent.");
        }
        if (missingIndicators.Count > 0)
        {
            throw new FailedPreconditionException(
                $"The report {report.Key} lacks values for {string.Join(", ", missingIndicators)}; submit them before sending the report.");
        }
        report.FirstSubmittedOn ??= receivedOn;
        report.LastSubmittedAt = at;
        report.ReturnReason = "";
        Record(report, ReportStatus.Submitted, at, by, "");
    }

    public static void Approve(Report report, DateTimeOffset at, string by)
    {
        Require(report, ReportStatus.Submitted, "approved");
        Record(report, ReportStatus.Approved, at, by, "");
    }

    public static void Return(Report report, string reason, DateTimeOffset at, string by)
    {
        var text = RequireReason(reason);
        Require(report, ReportStatus.Submitted, "returned");
        report.ReturnReason = text;
        Record(report, ReportStatus.Returned, at, by, text);
    }

    public static void Reopen(Report report, string reason, DateTimeOffset at, string by)
    {
        var text = RequireReason(reason);
        Require(report, ReportStatus.Approved, "reopened");
        report.ReturnReason = text;
        Record(report, ReportStatus.Returned, at, by, text);
    }

    /// <summary>The status a listing shows: a report never sent is missing once its deadline has passed.</summary>
    public static ReportStatus Listed(ReportStatus? stored, DateOnly deadline, DateOnly today) =>
        stored is null or ReportStatus.Draft && today > deadline ? ReportStatus.Missing : stored ?? ReportStatus.Draft;

    private static void Require(Report report, ReportStatus from, string verb)
    {
        if (report.Status != from)
        {
            throw new FailedPreconditionException($"The report {report.Key} is {Describe(report.Status)}; only a {Describe(from)} report can be {verb}.");
        }
    }

    /// <summary>A reason is required to return or reopen a report; checked before anything else is looked at.</summary>
    public static string RequireReason(string reason)
    {
        var violations = new Violations();
        violations.RequireText(reason, "reason", MaxReasonLength);
        violations.ThrowIfAny();
        return reason.Trim();
    }

    private static void Record(Report report, ReportStatus status, DateTimeOffset at, string by, string reason)
    {
        report.Status = status;
        report.Events.Add(new ReportEvent
        {
            UnitCode = report.UnitCode, Year = report.Year, Month = report.Month, Status = status, At = at, By = by, Reason = reason,
        });
    }

    private static string Describe(ReportStatus status) => status.ToString().ToLowerInvariant();
}

namespace TuyPhuoc.Submissions.Data;

/// <summary>A report as shown to callers: the stored one (or the one not sent yet) with its deadline and what it lacks.</summary>
public sealed record ReportView(Report Report, ReportStatus ListedStatus, DateOnly Deadline, int DaysLate, IReadOnlyList<string> MissingIndicators);

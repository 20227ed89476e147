namespace TuyPhuoc.Submissions.Domain;

/// <summary>A unit's monthly report to the Finance-Planning office.</summary>
public sealed class Report
{
    public required string UnitCode { get; set; }
    public int Year { get; set; }
    public int Month { get; set; }
    public ReportStatus Status { get; set; } = ReportStatus.Draft;
    /// <summary>The day the report first reached the office: what timeliness is judged on.</summary>
    public DateOnly? FirstSubmittedOn { get; set; }
    /// <summary>Last time the unit sent it.</summary>
    public DateTimeOffset? LastSubmittedAt { get; set; }
    public string ReturnReason { get; set; } = "";
    public List<ReportEvent> Events { get; set; } = [];

    public string Key => KeyOf(UnitCode, Year, Month);

    public static string KeyOf(string unit, int year, int month) => $"{unit}/{year}/{month}";
}

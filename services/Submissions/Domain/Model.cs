namespace TuyPhuoc.Submissions.Domain;

// The numbering matches the proto enums of tuyphuoc.submissions.v1.
public enum Origin { Interactive = 1, Import = 2 }
public enum ReportStatus { Draft = 1, Submitted = 2, Approved = 3, Returned = 4, Missing = 5 }
public enum EscalationStatus { Open = 1, Assigned = 2, Answered = 3, Closed = 4 }
public enum Timeliness { OnTime = 1, Late = 2, Missing = 3, NotDue = 4 }

/// <summary>One value of a cell (unit, indicator, year, month). A correction adds a revision; none is ever rewritten.</summary>
public sealed class ActualRevision
{
    public required string UnitCode { get; set; }
    public required string IndicatorCode { get; set; }
    public int Year { get; set; }
    public int Month { get; set; }
    /// <summary>1 for the first value of the cell, then 2, 3, ...</summary>
    public int Revision { get; set; }
    public double Value { get; set; }
    public string Note { get; set; } = "";
    public DateTimeOffset RecordedAt { get; set; }
    public required string RecordedBy { get; set; }
    public Origin Origin { get; set; }
    /// <summary>The import batch that brought it; null for interactive submissions.</summary>
    public Guid? BatchId { get; set; }

    public string CellKey => CellKeyOf(UnitCode, IndicatorCode, Year, Month);

    public static string CellKeyOf(string unit, string indicator, int year, int month) => $"{unit}/{indicator}/{year}/{month}";
}

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

/// <summary>One step of a report's workflow, kept for the audit: who moved it to which status, when and why.</summary>
public sealed class ReportEvent
{
    public long Id { get; set; }
    public required string UnitCode { get; set; }
    public int Year { get; set; }
    public int Month { get; set; }
    public ReportStatus Status { get; set; }
    public DateTimeOffset At { get; set; }
    public required string By { get; set; }
    public string Reason { get; set; } = "";
}

/// <summary>Monthly reports of a year are due by this day of the following month.</summary>
public sealed class DeadlineSetting
{
    public int Year { get; set; }
    public int DayOfFollowingMonth { get; set; }
}

/// <summary>A problem beyond a unit's authority (kiến nghị vượt thẩm quyền), followed up by the district.</summary>
public sealed class Escalation
{
    public Guid Id { get; set; }
    public required string UnitCode { get; set; }
    public int Year { get; set; }
    public string[] IndicatorCodes { get; set; } = [];
    public required string Title { get; set; }
    public string Description { get; set; } = "";
    public EscalationStatus Status { get; set; } = EscalationStatus.Open;
    public string? AssignedOfficeCode { get; set; }
    public DateOnly? DueDate { get; set; }
    public string Answer { get; set; } = "";
    public DateTimeOffset RaisedAt { get; set; }
    public List<EscalationStep> Steps { get; set; } = [];
}

public sealed class EscalationStep
{
    public long Id { get; set; }
    public Guid EscalationId { get; set; }
    public EscalationStatus Status { get; set; }
    public DateTimeOffset At { get; set; }
    public required string By { get; set; }
    public string Text { get; set; } = "";
}

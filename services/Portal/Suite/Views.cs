using TuyPhuoc.Contracts.Evaluation.V1;
using TuyPhuoc.Contracts.Plans.V1;
using TuyPhuoc.Contracts.Submissions.V1;

namespace TuyPhuoc.Portal.Suite;

// What the pages show, read from the suite once and kept between the server's first render and the live circuit
// ([PersistentState] serialises these records), so a page costs its gRPC calls once.

/// <summary>An indicator a unit reports in a year, with its targets as the plan phases them.</summary>
public sealed record PlannedIndicator(string Code, string Name, string UnitOfMeasure, MeasureKind Kind, double YearTarget,
    IReadOnlyList<double> Quarters, IReadOnlyList<double> Months, bool DistrictFigure)
{
    public static PlannedIndicator From(Assignment a) => new(a.Indicator.Code, a.Indicator.Name, a.Indicator.UnitOfMeasure,
        a.Indicator.MeasureKind, a.YearTarget, [.. a.Quarters], [.. a.Months], a.DistrictFigure);

    /// <summary>An indicator the unit reads but does not report (a district figure seen by its district): no phasing of its own.</summary>
    public static PlannedIndicator FromCatalog(Indicator? i, string code) =>
        new(code, i?.Name ?? code, i?.UnitOfMeasure ?? "", i?.MeasureKind ?? MeasureKind.Unspecified, 0, [], [], true);

    public double? MonthTarget(int month) => month >= 1 && month <= Months.Count ? Months[month - 1] : null;
}

public sealed record Cell(double Value, string Note, int Revision, DateTimeOffset RecordedAt, string RecordedBy)
{
    public static Cell From(ActualRevision r) => new(r.Value, r.Note, r.Revision, r.RecordedAt.ToDateTimeOffset(), r.RecordedBy);
}

public sealed record ReportState(ReportStatus Status, string ReturnReason, DateTimeOffset? SubmittedAt, DateOnly? Deadline, int DaysLate, IReadOnlyList<string> Missing)
{
    public static ReportState From(Report r) => new(r.Status, r.ReturnReason, r.SubmittedAt?.ToDateTimeOffset(),
        r.Deadline is { } d ? new DateOnly(d.Year, d.Month, d.Day) : null, r.DaysLate, [.. r.MissingIndicatorCodes]);

    public bool Locked => Status == ReportStatus.Approved;
}

/// <summary>One indicator's line of the month's form: the plan, the year so far and what is stored for the month.</summary>
public sealed record MonthRow(PlannedIndicator Indicator, double? YearToDate, Cell? Stored);

public sealed record MonthView(string Unit, int Year, int Month, IReadOnlyList<MonthRow> Rows, ReportState Report);

using TuyPhuoc.Contracts.Plans.V1;
using TuyPhuoc.Contracts.Submissions.V1;

namespace TuyPhuoc.Portal.Features;

public sealed record Cell(double Value, string Note, int Revision, DateTimeOffset RecordedAt, string RecordedBy, string Solutions = "")
{
    public static Cell From(ActualRevision r) => new(r.Value, r.Note, r.Revision, r.RecordedAt?.ToDateTimeOffset() ?? default, r.RecordedBy, r.Solutions);
}

public sealed record ReportState(ReportStatus Status, string ReturnReason, DateTimeOffset? SubmittedAt, DateOnly? Deadline, int DaysLate, IReadOnlyList<string> Missing)
{
    public static ReportState From(Report r) => new(r.Status, r.ReturnReason, r.SubmittedAt?.ToDateTimeOffset(),
        r.Deadline is { } d ? new DateOnly(d.Year, d.Month, d.Day) : null, r.DaysLate, [.. r.MissingIndicatorCodes]);

    public bool Locked => Status == ReportStatus.Approved;
}

/// <summary>One indicator's line of the month's form: its targets, last month's value, the year so far before the month, and what is stored for the month.</summary>
public sealed record MonthRow(PlannedIndicator Indicator, double? LastMonth, double? BeforeMonth, Cell? Stored)
{
    /// <summary>The year so far through the month: the months added up for a flow; for a level, the latest value.</summary>
    public double? YearToDate => Stored is not { } s ? BeforeMonth : Indicator.Kind == MeasureKind.Cumulative ? (BeforeMonth ?? 0) + s.Value : s.Value;
}

/// <summary>
/// A unit's month, the one document the page and the workbook both show: the indicators assigned by the plan in force
/// at the month's end (the plan the month is judged against, a revision from the start of the year included), in the
/// plan's order, with the notes stored for the month.
/// </summary>
public sealed record MonthView(string Unit, string UnitName, int Year, int Month, IReadOnlyList<MonthRow> Rows, ReportState Report)
{
    public static MonthView From(Unit unit, int year, int month, IEnumerable<PlannedIndicator> assigned, IEnumerable<ActualRevision> cells, Report report)
    {
        var byIndicator = cells.ToLookup(c => c.IndicatorCode);
        return new(unit.Code, unit.Name, year, month, [.. assigned.Select(a =>
        {
            var values = byIndicator[a.Code].ToDictionary(c => c.Month, c => c.Value);
            return new MonthRow(a, values.TryGetValue(month - 1, out var last) ? last : null, Periods.YearToDate(a.Kind, values, month - 1),
                byIndicator[a.Code].Where(c => c.Month == month).Select(Cell.From).FirstOrDefault());
        })], ReportState.From(report));
    }
}

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

public sealed record HomeRow(string Code, string Name, string UnitOfMeasure, Status Status, double? Progress, bool CheckpointDue, bool PassesCheckpoints);

public sealed record HomeView(string Unit, int Year, int Quarter, IReadOnlyList<HomeRow> Rows)
{
    public int CheckpointsDue => Rows.Count(r => r.CheckpointDue);
    public int CheckpointsPassed => Rows.Count(r => r.CheckpointDue && r.PassesCheckpoints);
}

/// <summary>One quarter of an indicator's status with the numbers that decided it (fractions: 1 is 100%).</summary>
public sealed record QuarterLine(int Quarter, Status Status, string Basis, double? QuarterTarget, double CarryIn, double? Requirement,
    double? Actual, double? YearToDate, double? CumulativePlan, double CarryOut, double? Progress, IReadOnlyList<CheckpointLine> Checkpoints,
    int PlanRevision = 0, string PlanDecision = "")
{
    public static QuarterLine From(QuarterExplanation q, IEnumerable<JudgedPlan> plans) => new(q.Quarter, q.Status, q.Basis, q.HasPhasedTarget ? q.PhasedTarget : null, q.CarryIn,
        q.HasRequirement ? q.Requirement : null, q.HasActual ? q.Actual : null, q.HasYearToDate ? q.YearToDate : null,
        q.HasCumulativePlan ? q.CumulativePlan : null, q.CarryOut, q.HasProgress ? q.Progress : null,
        [.. q.Checkpoints.Select(c => new CheckpointLine(c.Quarter, c.Minimum, c.HasProgress ? c.Progress : null, c.Passed))],
        q.PlanRevision, plans.FirstOrDefault(p => p.Revision == q.PlanRevision)?.DecisionNumber ?? "");
}

public sealed record CheckpointLine(int Quarter, double Minimum, double? Progress, bool Passed);

public sealed record IndicatorView(string Unit, int Year, int Quarter, PlannedIndicator Indicator, Status Status, double? Progress,
    IReadOnlyList<double?> MonthlyActuals, IReadOnlyList<QuarterLine> Quarters);

public sealed record MonthPoint(string Month, double? Actual, double Target)
{
    /// <summary>The actual where there is one, as the chart's columns need it.</summary>
    public double Value => Actual ?? 0;
}

public sealed record EscalationStepLine(EscalationStatus Status, DateTimeOffset? At, string By, string Text);

public sealed record EscalationLine(string Id, string Unit, string Title, string Description, EscalationStatus Status, IReadOnlyList<string> Indicators,
    string AssignedOffice, DateOnly? Due, string Answer, bool Overdue, IReadOnlyList<EscalationStepLine> Steps)
{
    public static EscalationLine From(Escalation e) => new(e.Id, e.UnitCode, e.Title, e.Description, e.Status, [.. e.IndicatorCodes], e.AssignedOfficeCode,
        e.DueDate is { } d ? new DateOnly(d.Year, d.Month, d.Day) : null, e.Answer, e.Overdue,
        [.. e.Steps.Select(s => new EscalationStepLine(s.Status, s.At?.ToDateTimeOffset(), s.By, s.Text))]);
}

public sealed record EscalationsView(string Unit, int Year, IReadOnlyList<EscalationLine> Raised, IReadOnlyList<EscalationLine> AssignedToUs);

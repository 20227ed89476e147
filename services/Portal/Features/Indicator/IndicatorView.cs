using TuyPhuoc.Contracts.Evaluation.V1;

namespace TuyPhuoc.Portal.Features;

/// <summary>One quarter of an indicator's status with the numbers that decided it (fractions: 1 is 100%).</summary>
public sealed record QuarterLine(int Quarter, Status Status, string Basis, double? QuarterTarget, double CarryIn, double? Requirement,
    double? Actual, double? YearToDate, double? CumulativePlan, double CarryOut, double? Progress, IReadOnlyList<CheckpointLine> Checkpoints,
    int PlanRevision = 0, string PlanDecision = "", double? Baseline = null, double? SamePeriodLastYear = null, double? VersusLastYear = null)
{
    public static QuarterLine From(QuarterExplanation q, IEnumerable<JudgedPlan> plans) => new(q.Quarter, q.Status, q.Basis, q.HasPhasedTarget ? q.PhasedTarget : null, q.CarryIn,
        q.HasRequirement ? q.Requirement : null, q.HasActual ? q.Actual : null, q.HasYearToDate ? q.YearToDate : null,
        q.HasCumulativePlan ? q.CumulativePlan : null, q.CarryOut, q.HasProgress ? q.Progress : null,
        [.. q.Checkpoints.Select(c => new CheckpointLine(c.Quarter, c.Minimum, c.HasProgress ? c.Progress : null, c.Passed))],
        q.PlanRevision, plans.FirstOrDefault(p => p.Revision == q.PlanRevision)?.DecisionNumber ?? "", q.HasBaseline ? q.Baseline : null,
        q.HasSamePeriodLastYear ? q.SamePeriodLastYear : null, q.HasVersusLastYear ? q.VersusLastYear : null);
}

public sealed record CheckpointLine(int Quarter, double Minimum, double? Progress, bool Passed);

/// <summary>What a unit wrote with a month's value: the causes and difficulties, and its solutions.</summary>
public sealed record MonthNote(int Month, string Causes, string Solutions);

/// <summary>
/// An indicator of a unit in a year: its plan with the year's target Evaluation judged by, the months' actuals, each
/// quarter explained, and the months' causes and solutions.
/// </summary>
public sealed record IndicatorView(string Unit, int Year, int Quarter, PlannedIndicator Indicator, Status Status, double? Progress,
    IReadOnlyList<double?> MonthlyActuals, IReadOnlyList<QuarterLine> Quarters, IReadOnlyList<MonthNote> Notes)
{
    public static IndicatorView From(string unit, int year, int quarter, PlannedIndicator indicator, IndicatorStatus s, IReadOnlyList<MonthNote> notes) =>
        new(unit, year, quarter, indicator with { YearTarget = s.YearTarget }, s.Status, s.HasProgress ? s.Progress : null,
            [.. s.MonthlyActuals.Select(m => m.HasValue ? m.Value : (double?)null)], [.. s.Quarters.Select(q => QuarterLine.From(q, s.Plans))], notes);

    public IEnumerable<MonthNote> NotesOf(int quarter) => Notes.Where(n => PlanCalendar.QuarterOf(n.Month) == quarter);
}

public sealed record MonthPoint(string Month, double? Actual, double Target)
{
    /// <summary>The actual where there is one, as the chart's columns need it.</summary>
    public double Value => Actual ?? 0;
}

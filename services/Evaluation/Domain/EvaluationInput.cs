namespace TuyPhuoc.Evaluation.Domain;

/// <summary>One indicator for one unit in one year.</summary>
/// <param name="QuarterTargets">
/// Phased t_1..t_4: amounts summing to the year target for cumulative indicators (evenly phased when absent),
/// target levels or rates at each quarter end for the others (optional).
/// </param>
/// <param name="MonthlyActuals">Twelve months, null when not submitted: the month's amount for cumulative indicators, else the value at month end.</param>
/// <param name="AsOfQuarter">Quarters 1 to this one are evaluated; later months are ignored.</param>
public sealed record EvaluationInput(
    IndicatorDefinition Indicator,
    decimal YearTarget,
    IReadOnlyList<decimal>? QuarterTargets,
    IReadOnlyList<decimal?> MonthlyActuals,
    int AsOfQuarter,
    EvaluationPolicy Policy);

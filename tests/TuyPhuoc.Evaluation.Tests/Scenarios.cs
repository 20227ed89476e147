using TuyPhuoc.Evaluation.Domain;

namespace TuyPhuoc.Evaluation.Tests;

internal static class Scenarios
{
    public static IndicatorDefinition Indicator(MeasureKind kind = MeasureKind.Cumulative, Direction direction = Direction.HigherIsBetter, decimal? baseline = null) =>
        new("KT-01", kind, direction, baseline);

    /// <summary>Twelve months from the given ones, the rest not submitted.</summary>
    public static decimal?[] Months(params decimal?[] submitted) => [.. submitted, .. new decimal?[12 - submitted.Length]];

    public static EvaluationResult Evaluate(
        IndicatorDefinition indicator, decimal yearTarget, decimal[]? quarterTargets, decimal?[] months, int asOf = 4, EvaluationPolicy? policy = null) =>
        EvaluationRules.Evaluate(new(indicator, yearTarget, quarterTargets, months, asOf, policy ?? EvaluationPolicy.Default));

    public static EvaluationResult Cumulative(decimal yearTarget, decimal[]? quarterTargets, decimal?[] months, int asOf = 4, EvaluationPolicy? policy = null) =>
        Evaluate(Indicator(), yearTarget, quarterTargets, months, asOf, policy);

    public static readonly EvaluationPolicy SurplusOffsets = new() { SurplusOffsets = true };
}

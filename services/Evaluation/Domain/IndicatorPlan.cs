namespace TuyPhuoc.Evaluation.Domain;

/// <param name="QuarterTargets">Null when not phased: a cumulative target is then spread evenly, a level judged by progress of the year.</param>
/// <param name="Revision">The plan revision that set these targets.</param>
public sealed record IndicatorPlan(IndicatorInfo Indicator, decimal YearTarget, IReadOnlyList<decimal>? QuarterTargets, IReadOnlyList<AllocationPlan> Allocations,
    Aggregation Aggregation, int Revision = 0);

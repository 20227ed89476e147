namespace TuyPhuoc.Evaluation.Domain;

/// <param name="QuarterTargets">Null when not phased.</param>
/// <param name="Weight">The stated quantity the unit weighs with in a weighted mean.</param>
public sealed record AllocationPlan(string UnitCode, decimal YearTarget, IReadOnlyList<decimal>? QuarterTargets, decimal? Weight = null);

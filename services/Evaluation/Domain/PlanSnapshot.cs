namespace TuyPhuoc.Evaluation.Domain;

/// <summary>What the evaluation needs of a year's plan: the district (the unit without a parent) and the targets in force.</summary>
public sealed record PlanSnapshot(int Year, string DistrictCode, IReadOnlyDictionary<string, IndicatorPlan> Indicators);

namespace TuyPhuoc.IndicatorPlans.Domain;

/// <summary>A target as asked for: quarters or months may be left empty (see <see cref="PlanRules"/> for what that means).</summary>
public sealed record TargetInput(
    string IndicatorCode, double DistrictTarget, double? ProvinceTarget,
    IReadOnlyList<double> Quarters, IReadOnlyList<double> Months, IReadOnlyList<AllocationInput> Allocations,
    double? Baseline = null, Aggregation Aggregation = Aggregation.Unspecified);

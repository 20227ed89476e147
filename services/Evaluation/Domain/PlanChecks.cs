namespace TuyPhuoc.Evaluation.Domain;

/// <summary>Consistency checks of a plan; mismatches are warnings, never errors.</summary>
public static class PlanChecks
{
    /// <summary>Relative tolerance of the sum checks (0.1%): rounding in allocations is not a mismatch.</summary>
    public const decimal DefaultTolerance = 0.001m;

    /// <summary>The district may ask for more than the province, never for less.</summary>
    public static PlanWarning? DistrictVersusProvince(Direction direction, decimal districtTarget, decimal provinceTarget) => direction switch
    {
        Direction.HigherIsBetter when districtTarget < provinceTarget => new(PlanWarningKind.DistrictBelowProvince, provinceTarget, districtTarget),
        Direction.LowerIsBetter when districtTarget > provinceTarget => new(PlanWarningKind.DistrictAboveProvince, provinceTarget, districtTarget),
        _ => null,
    };

    public static PlanWarning? AllocationsVersusDistrict(decimal districtTarget, IEnumerable<decimal> allocations, decimal tolerance = DefaultTolerance) =>
        SumMismatch(PlanWarningKind.AllocationsDifferFromDistrict, districtTarget, allocations.Sum(), tolerance);

    /// <summary>For cumulative indicators the phased quarter targets sum to the year target.</summary>
    public static PlanWarning? PhasingVersusYear(decimal yearTarget, IEnumerable<decimal> quarterTargets, decimal tolerance = DefaultTolerance) =>
        SumMismatch(PlanWarningKind.PhasingDiffersFromYear, yearTarget, quarterTargets.Sum(), tolerance);

    /// <summary>Every check whose figures are given.</summary>
    public static IReadOnlyList<PlanWarning> Check(
        Direction direction, decimal districtTarget, decimal? provinceTarget = null, IEnumerable<decimal>? allocations = null, decimal tolerance = DefaultTolerance)
    {
        PlanWarning?[] warnings =
        [
            provinceTarget is { } province ? DistrictVersusProvince(direction, districtTarget, province) : null,
            allocations is null ? null : AllocationsVersusDistrict(districtTarget, allocations, tolerance),
        ];
        return [.. warnings.OfType<PlanWarning>()];
    }

    static PlanWarning? SumMismatch(PlanWarningKind kind, decimal expected, decimal sum, decimal tolerance) =>
        Math.Abs(sum - expected) > tolerance * Math.Abs(expected) ? new(kind, expected, sum) : null;
}

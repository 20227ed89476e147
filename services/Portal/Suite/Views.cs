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
    public static PlannedIndicator From(Assignment a) => From(a.Indicator, a.YearTarget, a.Quarters, a.Months, a.DistrictFigure);

    public static PlannedIndicator From(AssignedIndicator a, Indicator i) => From(i, a.YearTarget, a.Quarters, a.Months, a.DistrictFigure);

    private static PlannedIndicator From(Indicator i, double year, IEnumerable<double> quarters, IEnumerable<double> months, bool districtFigure) =>
        new(i.Code, i.Name, i.UnitOfMeasure, i.MeasureKind, year, [.. quarters], [.. months], districtFigure);

    /// <summary>An indicator the unit reads but does not report (a district figure seen by its district): no phasing of its own.</summary>
    public static PlannedIndicator FromCatalog(Indicator? i, string code) =>
        new(code, i?.Name ?? code, i?.UnitOfMeasure ?? "", i?.MeasureKind ?? MeasureKind.Unspecified, 0, [], [], true);

    public double? MonthTarget(int month) => month >= 1 && month <= Months.Count ? Months[month - 1] : null;
}


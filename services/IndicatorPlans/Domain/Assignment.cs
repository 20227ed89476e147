namespace TuyPhuoc.IndicatorPlans.Domain;

/// <summary>What a unit must report for one indicator in a year, month by month.</summary>
public sealed record Assignment(Indicator Indicator, double YearTarget, double[] Quarters, double[] Months, bool DistrictFigure);

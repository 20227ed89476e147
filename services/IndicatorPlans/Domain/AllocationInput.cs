namespace TuyPhuoc.IndicatorPlans.Domain;

public sealed record AllocationInput(string UnitCode, double YearTarget, IReadOnlyList<double> Months, double? Weight = null);

namespace TuyPhuoc.IndicatorPlans.Domain;

/// <summary>The share of a target given to a commune or town, phased by month.</summary>
public sealed class Allocation
{
    public required string UnitCode { get; set; }
    public double YearTarget { get; set; }
    public double[] Months { get; set; } = [];
    /// <summary>The stated quantity (population, insured base…) the commune weighs with in a weighted mean.</summary>
    public double? Weight { get; set; }
}

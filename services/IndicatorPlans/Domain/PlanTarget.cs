namespace TuyPhuoc.IndicatorPlans.Domain;

/// <summary>An indicator's targets as set by one revision: the district's, the province's, the phasing and the allocations.</summary>
public sealed class PlanTarget
{
    public long Id { get; set; }
    public int Year { get; set; }
    public int Revision { get; set; }
    public required string IndicatorCode { get; set; }
    public double DistrictTarget { get; set; }
    public double? ProvinceTarget { get; set; }
    /// <summary>
    /// Twelve monthly targets: the month's amount for cumulative indicators, the level at month end otherwise; empty
    /// when not phased (a level or rate judged by progress of the year, a year-end indicator).
    /// </summary>
    public double[] Months { get; set; } = [];
    /// <summary>Last year's value behind this year's target (levels); null: the catalog's.</summary>
    public double? Baseline { get; set; }
    public Aggregation Aggregation { get; set; }
    public List<Allocation> Allocations { get; set; } = [];
}

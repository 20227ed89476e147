namespace TuyPhuoc.IndicatorPlans.Domain;

// The numbering matches the proto enums of tuyphuoc.plans.v1.
public enum UnitKind { District = 1, Office = 2, Commune = 3, Town = 4 }
public enum SectorBlock { Economy = 1, CultureSociety = 2, InternalAffairs = 3 }
public enum IndicatorSource { Province = 1, District = 2 }
public enum Direction { HigherIsBetter = 1, LowerIsBetter = 2 }
public enum MeasureKind { Cumulative = 1, Level = 2, Growth = 3, YearEnd = 4 }
/// <summary>How the district figure of a commune-allocated indicator is formed; unspecified resolves to <see cref="PlanRules.AggregationOf"/>'s default.</summary>
public enum Aggregation { Unspecified = 0, Sum = 1, Mean = 2, WeightedMean = 3, ResponsibleOffice = 4 }

/// <summary>An organisation unit: the district, an office, a commune or town. Units are data with effective dates.</summary>
public sealed class OrgUnit
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public UnitKind Kind { get; set; }
    public string? ParentCode { get; set; }
    public SectorBlock? Block { get; set; }
    public DateOnly ValidFrom { get; set; }
    /// <summary>The first day the unit no longer exists.</summary>
    public DateOnly? ValidTo { get; set; }
    public string? MergedIntoCode { get; set; }

    public bool ExistsOn(DateOnly date) => ValidFrom <= date && (ValidTo is null || date < ValidTo);
    public bool IsCommuneLevel => Kind is UnitKind.Commune or UnitKind.Town;
}

public sealed class BlockInfo
{
    public SectorBlock Block { get; set; }
    public required string Name { get; set; }
    public required string LeaderName { get; set; }
    public required string LeaderTitle { get; set; }
}

public sealed class Indicator
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string UnitOfMeasure { get; set; }
    public IndicatorSource Source { get; set; }
    public SectorBlock Block { get; set; }
    public required string ResponsibleOfficeCode { get; set; }
    public Direction Direction { get; set; }
    public MeasureKind MeasureKind { get; set; }
    public bool CommuneAllocated { get; set; }
    /// <summary>Last year's value, for level indicators.</summary>
    public double? Baseline { get; set; }
    /// <summary>The values the measure can take (a percentage: 0..100); unset means non-negative.</summary>
    public double? RangeMin { get; set; }
    public double? RangeMax { get; set; }
}

/// <summary>One decision that set or changed a year's targets. Revisions are never rewritten.</summary>
public sealed class PlanRevision
{
    public int Year { get; set; }
    public int Number { get; set; }
    public required string DecisionNumber { get; set; }
    public DateOnly DecisionDate { get; set; }
    public DateOnly EffectiveFrom { get; set; }
    public string Reason { get; set; } = "";
    public DateTimeOffset RecordedAt { get; set; }
    public string RecordedBy { get; set; } = "";
    public List<PlanTarget> Targets { get; set; } = [];
}

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

/// <summary>The share of a target given to a commune or town, phased by month.</summary>
public sealed class Allocation
{
    public required string UnitCode { get; set; }
    public double YearTarget { get; set; }
    public double[] Months { get; set; } = [];
    /// <summary>The stated quantity (population, insured base…) the commune weighs with in a weighted mean.</summary>
    public double? Weight { get; set; }
}

namespace TuyPhuoc.IndicatorPlans.Domain;

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
    /// <summary>The first year no plan may carry it.</summary>
    public int? RetiredFromYear { get; set; }
}

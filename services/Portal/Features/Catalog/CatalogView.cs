using TuyPhuoc.Contracts.Plans.V1;

namespace TuyPhuoc.Portal.Features;

/// <summary>The indicator catalog as the planning office keeps it: every indicator with its office's name, and the offices to choose from.</summary>
public sealed record CatalogView(IReadOnlyList<Indicator> Indicators, IReadOnlyList<NamedCode> Offices)
{
    public string OfficeName(string code) => Offices.FirstOrDefault(o => o.Code == code)?.Name ?? code;
}

/// <summary>An indicator as its form edits it: what may change after it is created (name, unit, office, range) and, for a new one, the rest.</summary>
public sealed class IndicatorForm
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string UnitOfMeasure { get; set; } = "";
    public string Office { get; set; } = "";
    public string RangeMin { get; set; } = "";
    public string RangeMax { get; set; } = "";
    public IndicatorSource Source { get; set; } = IndicatorSource.District;
    public SectorBlock Block { get; set; } = SectorBlock.Economy;
    public Direction Direction { get; set; } = Direction.HigherIsBetter;
    public MeasureKind MeasureKind { get; set; } = MeasureKind.Cumulative;
    public bool CommuneAllocated { get; set; }

    public static IndicatorForm Of(Indicator i) => new()
    {
        Code = i.Code, Name = i.Name, UnitOfMeasure = i.UnitOfMeasure, Office = i.ResponsibleOfficeCode, Source = i.Source, Block = i.Block,
        Direction = i.Direction, MeasureKind = i.MeasureKind, CommuneAllocated = i.CommuneAllocated,
        RangeMin = i.Range is { } r ? VietNumber.Input(r.Min) : "", RangeMax = i.Range is { } s ? VietNumber.Input(s.Max) : "",
    };

    /// <summary>The indicator the form describes over <paramref name="stored"/> (its baseline kept); a range needs both ends written as numbers.</summary>
    public Indicator ToIndicator(Indicator? stored = null)
    {
        var indicator = stored?.Clone() ?? new Indicator();
        (indicator.Code, indicator.Name, indicator.UnitOfMeasure, indicator.ResponsibleOfficeCode) = (Code.Trim(), Name.Trim(), UnitOfMeasure.Trim(), Office);
        (indicator.Source, indicator.Block, indicator.Direction, indicator.MeasureKind, indicator.CommuneAllocated) = (Source, Block, Direction, MeasureKind, CommuneAllocated);
        indicator.Range = VietNumber.TryParse(RangeMin, out var min) && VietNumber.TryParse(RangeMax, out var max) ? new ValueRange { Min = min, Max = max } : null;
        return indicator;
    }

    /// <summary>The range's ends that are written but are no numbers, by field.</summary>
    public IEnumerable<string> UnreadRange() =>
        new[] { ("indicator.range.min", RangeMin), ("indicator.range.max", RangeMax) }
            .Where(e => e.Item2.Trim().Length > 0 && !VietNumber.TryParse(e.Item2, out _)).Select(e => e.Item1);
}

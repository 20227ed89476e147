namespace TuyPhuoc.Evaluation.Domain;

/// <summary>How one result is formed: whose actuals, against which targets.</summary>
/// <param name="ReportingUnit">Who answers for the figure: the unit, the responsible office, or the district for a roll-up.</param>
/// <param name="SourceUnits">The units whose actuals make the figure: summed for a roll-up, else the latest revision of a month wins.</param>
/// <param name="Weights">For a weighted mean, each source unit's weight, in the order of <paramref name="SourceUnits"/>.</param>
public sealed record ResultSpec(
    ResultKey Key, IndicatorInfo Indicator, FigureKind Kind, string ReportingUnit, decimal YearTarget,
    IReadOnlyList<decimal>? QuarterTargets, IReadOnlyList<string> SourceUnits, IReadOnlyList<decimal>? Weights = null)
{
    /// <summary>The plan revision that set the targets above, and its decision.</summary>
    public int Revision { get; init; }

    public string Decision { get; init; } = "";

    /// <summary>The targets each quarter is judged against; empty when every quarter is judged against those above.</summary>
    public IReadOnlyList<QuarterPlan> QuarterPlans { get; init; } = [];

    public bool DistrictFigure => Kind != FigureKind.Allocation;

    /// <summary>A district figure formed from the communes' own figures.</summary>
    public bool FromCommunes => Kind is FigureKind.DistrictRollUp or FigureKind.DistrictMean or FigureKind.DistrictWeightedMean;
}

namespace TuyPhuoc.Evaluation.Domain;

/// <param name="Baseline">Last year's value; level progress is measured from it when present.</param>
public sealed record IndicatorDefinition(string Code, MeasureKind Kind, Direction Direction, decimal? Baseline = null);

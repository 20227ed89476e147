namespace TuyPhuoc.Submissions.Domain;

/// <summary>What the submission rules need to know of an indicator.</summary>
/// <param name="RangeMin">With <paramref name="RangeMax"/>, the values the measure can take; unset means non-negative.</param>
/// <param name="Office">The office that answers for the indicator (its responsible office).</param>
public sealed record IndicatorInfo(string Code, MeasureKind Kind, double? RangeMin = null, double? RangeMax = null, string? Block = null, string? Office = null);

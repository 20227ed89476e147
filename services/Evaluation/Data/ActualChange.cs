namespace TuyPhuoc.Evaluation.Data;

/// <summary>A revision of a monthly actual, with the source sequence that set it.</summary>
public sealed record ActualChange(string UnitCode, string IndicatorCode, int Year, int Month, decimal Value, long Sequence);

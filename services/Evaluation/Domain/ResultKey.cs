namespace TuyPhuoc.Evaluation.Domain;

public readonly record struct ResultKey(int Year, string IndicatorCode, string UnitCode);

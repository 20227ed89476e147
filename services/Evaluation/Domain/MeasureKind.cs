namespace TuyPhuoc.Evaluation.Domain;

public enum MeasureKind { Cumulative, Level, Growth, YearEnd }

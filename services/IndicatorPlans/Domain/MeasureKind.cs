namespace TuyPhuoc.IndicatorPlans.Domain;

public enum MeasureKind { Cumulative = 1, Level = 2, Growth = 3, YearEnd = 4 }

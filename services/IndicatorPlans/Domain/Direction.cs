namespace TuyPhuoc.IndicatorPlans.Domain;

public enum Direction { HigherIsBetter = 1, LowerIsBetter = 2 }

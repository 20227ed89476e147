namespace TuyPhuoc.IndicatorPlans.Domain;

public enum IndicatorSource { Province = 1, District = 2 }

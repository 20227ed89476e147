namespace TuyPhuoc.Evaluation.Domain;

public enum IndicatorSource { Province = 1, District = 2 }

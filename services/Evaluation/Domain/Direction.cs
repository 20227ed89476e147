namespace TuyPhuoc.Evaluation.Domain;

public enum Direction { HigherIsBetter, LowerIsBetter }

namespace TuyPhuoc.EmulationScoring.Processing;

public sealed record AssignedIndicator(string Code, MeasureKind Kind, bool LowerIsBetter);

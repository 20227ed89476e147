namespace TuyPhuoc.Evaluation.Processing;

public sealed record RecomputeOutcome(int Year, int Results, int Changed, TimeSpan Elapsed);

namespace TuyPhuoc.Evaluation.Domain;

public sealed record CheckpointResult(int Quarter, decimal Minimum, decimal? Progress, bool Passed);

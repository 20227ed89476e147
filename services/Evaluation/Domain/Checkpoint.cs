namespace TuyPhuoc.Evaluation.Domain;

/// <summary>By the end of <paramref name="Quarter"/>, progress of the year must reach <paramref name="MinimumProgress"/> (0.5 = 50%).</summary>
public sealed record Checkpoint(int Quarter, decimal MinimumProgress);

namespace TuyPhuoc.EmulationScoring.Processing;

/// <param name="Block">The unit's sector block (economy, culture_society, internal_affairs), or <see cref="Blocks.Communes"/> for communes and towns.</param>
public sealed record ScoredUnit(string Code, string Block, IReadOnlyList<AssignedIndicator> Indicators);

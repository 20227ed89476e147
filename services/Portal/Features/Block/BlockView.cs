namespace TuyPhuoc.Portal.Features;

/// <summary>A block leader's quarter: Evaluation's counts for the block, its district figures and laggards as Biểu số 01 shows them, its open escalations.</summary>
public sealed record BlockView(string Block, int Year, int Quarter, bool Preliminary, IReadOnlyList<StatusTally> Counts, int CheckpointPassed, int CheckpointFailed,
    IReadOnlyList<FigureLine> Figures, IReadOnlyList<LaggardLine> Laggards, IReadOnlyList<EscalationLine> OpenEscalations, TaskCounts? KeyTasks);

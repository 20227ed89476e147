namespace TuyPhuoc.Portal.Features;

/// <summary>
/// A block leader's quarter: Evaluation's counts for the block, its district figures and laggards as Biểu số 01 shows
/// them, the block's offices' quarterly reviews, its open escalations; the screen and the block's workbook render it.
/// </summary>
public sealed record BlockView(string Issuer, string Block, int Year, int Quarter, bool Preliminary, IReadOnlyList<StatusTally> Counts, int CheckpointPassed, int CheckpointFailed,
    IReadOnlyList<FigureLine> Figures, IReadOnlyList<LaggardLine> Laggards, IReadOnlyList<ReviewCard> Reviews, IReadOnlyList<EscalationLine> OpenEscalations, TaskCounts? KeyTasks);

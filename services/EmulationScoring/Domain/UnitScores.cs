namespace TuyPhuoc.EmulationScoring.Domain;

/// <summary>The scores of one unit for a year: the whole year (quarter 0) and provisional as of quarters 1..4.</summary>
public static class UnitScores
{
    public static readonly IReadOnlyList<int> Quarters = [0, 1, 2, 3, 4];

    public static IReadOnlyDictionary<int, ScoreBreakdown> Compute(ScoringScheme scheme, IReadOnlyList<IndicatorFacts> indicators,
        IReadOnlyList<ReportFact> reports, IReadOnlyList<EscalationFact> escalations, DateOnly today, IReadOnlyList<KeyTaskFact>? overdueKeyTasks = null) =>
        Quarters.ToDictionary(q => q, q => ScoreCalculator.Score(
            scheme,
            q == 0 ? ScoreBasis.Year : ScoreBasis.Provisional,
            Achievements.For(indicators, q),
            Deductions.For(scheme.Year, q, reports, escalations, today, overdueKeyTasks)));
}

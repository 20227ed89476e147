namespace TuyPhuoc.EmulationScoring.Domain;

/// <summary>
/// The year's emulation scoring scheme, set by the Home Affairs office. Every number is data, because
/// each province issues its own scoring table. Ratios are fractions (1.0 = 100%).
/// </summary>
/// <param name="Weights">Weight per indicator code; empty means equal weights. Weights are relative:
/// a unit's scored indicators always share 100 points.</param>
/// <param name="Classes">Classification levels, best first; a total gets the first level whose
/// <see cref="ClassLevel.MinTotal"/> it reaches, else the last level.</param>
/// <param name="TieBreak">Ranking keys in order (see <see cref="TieBreakKeys"/>); the unit code
/// always settles what is left, so a ranking is never random.</param>
public sealed record ScoringScheme(
    int Year,
    int Version,
    IReadOnlyDictionary<string, decimal> Weights,
    ScoringBands Bands,
    BonusRule Bonus,
    DeductionRule Deductions,
    IReadOnlyList<ClassLevel> Classes,
    OutstandingCap OutstandingCap,
    IReadOnlyList<string> TieBreak);

/// <summary>Full weight from <paramref name="FullFrom"/>, weight × x from <paramref name="ProportionalFrom"/>, 0 below.</summary>
public sealed record ScoringBands(decimal FullFrom, decimal ProportionalFrom);

/// <summary><paramref name="FractionOfWeight"/> × w for each indicator at or above <paramref name="ExceedFrom"/>; the bonus total is capped.</summary>
public sealed record BonusRule(decimal ExceedFrom, decimal FractionOfWeight, decimal Cap);

/// <summary>Points taken off per event.</summary>
public sealed record DeductionRule(decimal PerLateReport, decimal PerMissingReport, decimal PerOverdueEscalation,
    decimal PerOverdueKeyTask = DeductionRule.DefaultPerOverdueKeyTask)
{
    public const decimal DefaultPerOverdueKeyTask = 0.5m;
}

public sealed record ClassLevel(string Code, string Name, decimal MinTotal);

/// <summary>
/// At most <paramref name="Fraction"/> of the units classified <paramref name="BaseLevelCode"/> or
/// better may keep the first (outstanding) level, the count rounded as <paramref name="Rounding"/> says
/// ("no more than 20%": down, the default); the rest, in rank order, drop to the second.
/// </summary>
public sealed record OutstandingCap(decimal Fraction, string BaseLevelCode, CapRounding Rounding = CapRounding.Down)
{
    /// <summary>How many units may be outstanding out of <paramref name="baseCount"/> at the base level or better.</summary>
    public int Allowed(int baseCount) => (int)(Rounding switch
    {
        CapRounding.Nearest => Math.Round(Fraction * baseCount, MidpointRounding.AwayFromZero),
        CapRounding.Up => decimal.Ceiling(Fraction * baseCount),
        _ => decimal.Floor(Fraction * baseCount),
    });
}

/// <summary>How the cap's count is rounded; nearest rounds halves up.</summary>
public enum CapRounding { Down, Nearest, Up }

public static class TieBreakKeys
{
    public const string TotalDesc = "total_desc";
    public const string IndicatorPointsDesc = "indicator_points_desc";
    public const string DeductedAsc = "deducted_asc";
    public const string UnitCodeAsc = "unit_code_asc";

    public static IReadOnlyList<string> All { get; } = [TotalDesc, IndicatorPointsDesc, DeductedAsc, UnitCodeAsc];
}

public static class DefaultSchemes
{
    public const string Outstanding = "outstanding";
    public const string Good = "good";
    public const string Completed = "completed";
    public const string NotCompleted = "not_completed";

    /// <summary>
    /// The default scheme (docs/rules.md, The scheme); deduction amounts are not in the source, so they are our defaults.
    /// </summary>
    public static ScoringScheme Create(int year) => new(
        year,
        Version: 1,
        Weights: new Dictionary<string, decimal>(),
        new ScoringBands(FullFrom: 1.0m, ProportionalFrom: 0.5m),
        new BonusRule(ExceedFrom: 1.1m, FractionOfWeight: 0.1m, Cap: 5m),
        new DeductionRule(PerLateReport: 0.5m, PerMissingReport: 1m, PerOverdueEscalation: 1m),
        [
            new ClassLevel(Outstanding, "Hoàn thành xuất sắc nhiệm vụ", 90m),
            new ClassLevel(Good, "Hoàn thành tốt nhiệm vụ", 80m),
            new ClassLevel(Completed, "Hoàn thành nhiệm vụ", 70m),
            new ClassLevel(NotCompleted, "Không hoàn thành nhiệm vụ", 0m),
        ],
        new OutstandingCap(Fraction: 0.2m, BaseLevelCode: Good),
        TieBreakKeys.All);

    public static ScoringScheme Year2024 { get; } = Create(2024);
}

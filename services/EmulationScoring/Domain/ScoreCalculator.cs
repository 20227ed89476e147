namespace TuyPhuoc.EmulationScoring.Domain;

public enum ScoreBasis { Provisional, Year }

public enum IndicatorBand { Full, Proportional, Zero, NoData, JudgedAtYearEnd }

public enum DeductionKind { LateReport, MissingReport, OverdueEscalation, OverdueKeyTask }

/// <param name="Achievement">x_i as a fraction (1.0 = 100%), or null when there is no data.</param>
public sealed record IndicatorAchievement(string IndicatorCode, double? Achievement, bool IsYearEnd = false);

/// <param name="Cause">What the unit can check, e.g. "report 2024-03 late by 4 days".</param>
public sealed record DeductionEvent(DeductionKind Kind, string Cause);

public sealed record IndicatorLine(string IndicatorCode, decimal Weight, double? Achievement, IndicatorBand Band, decimal Points);

public sealed record BonusLine(string IndicatorCode, double Achievement, decimal Points);

/// <param name="Points">Negative: the points taken off.</param>
public sealed record DeductionLine(DeductionKind Kind, string Cause, decimal Points);

/// <summary>
/// A score a unit can check line by line. Weights and points are exact (100/34 is not rounded to 2.94 or 2.95) and
/// the total is the sum of the lines, kept to <see cref="ScoreCalculator.Decimals"/> places, where the 28 digits of
/// an exact share end: a unit that achieves everything gets 100.
/// </summary>
/// <param name="BonusCapAdjustment">Zero or negative: what the bonus cap takes back.</param>
public sealed record ScoreBreakdown(
    ScoreBasis Basis,
    IReadOnlyList<IndicatorLine> Indicators,
    IReadOnlyList<BonusLine> Bonuses,
    decimal BonusCapAdjustment,
    IReadOnlyList<DeductionLine> Deductions)
{
    public decimal IndicatorPoints => ScoreCalculator.Round(Indicators.Sum(l => l.Points));
    public decimal BonusPoints => ScoreCalculator.Round(Bonuses.Sum(l => l.Points) + BonusCapAdjustment);
    public decimal Deducted => -Deductions.Sum(l => l.Points);
    public decimal Total => ScoreCalculator.Round(Indicators.Sum(l => l.Points) + Bonuses.Sum(l => l.Points) + BonusCapAdjustment + Deductions.Sum(l => l.Points));

    /// <summary>False when nothing can be scored yet (a provisional score of a unit whose indicators are all judged at year-end): not ranked, not failed.</summary>
    public bool Scored => Indicators.Any(l => l.Band != IndicatorBand.JudgedAtYearEnd);
}

public static class ScoreCalculator
{
    public static ScoreBreakdown Score(
        ScoringScheme scheme, ScoreBasis basis,
        IReadOnlyList<IndicatorAchievement> achievements, IReadOnlyList<DeductionEvent> deductions)
    {
        var ordered = achievements.OrderBy(a => a.IndicatorCode, StringComparer.Ordinal).ToList();
        var duplicate = ordered.GroupBy(a => a.IndicatorCode).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"Indicator {duplicate.Key} is given more than once.", nameof(achievements));

        // Year-end indicators are judged only at year-end; a provisional score spreads their weight over the others.
        var scored = ordered.Where(a => basis == ScoreBasis.Year || !a.IsYearEnd).ToList();
        var weights = Shares(scored.Select(a => (a.IndicatorCode, RawWeight(scheme, a.IndicatorCode))).ToList());

        var lines = ordered
            .Select(a => weights.TryGetValue(a.IndicatorCode, out var w)
                ? Line(scheme.Bands, a, w)
                : new IndicatorLine(a.IndicatorCode, 0m, a.Achievement, IndicatorBand.JudgedAtYearEnd, 0m))
            .ToList();

        var bonuses = lines
            .Where(l => l.Band == IndicatorBand.Full && l.Weight > 0 && ToRatio(l.Achievement!.Value) >= scheme.Bonus.ExceedFrom)
            .Select(l => new BonusLine(l.IndicatorCode, l.Achievement!.Value, scheme.Bonus.FractionOfWeight * l.Weight))
            .ToList();
        var bonusBeforeCap = bonuses.Sum(b => b.Points);
        var cap = scheme.Bonus.Cap;
        var capAdjustment = bonusBeforeCap > cap ? cap - bonusBeforeCap : 0m;

        var deductionLines = deductions
            .Select(d => new DeductionLine(d.Kind, d.Cause, -PointsPer(scheme.Deductions, d.Kind)))
            .ToList();

        return new ScoreBreakdown(basis, lines, bonuses, capAdjustment, deductionLines);
    }

    private static IndicatorLine Line(ScoringBands bands, IndicatorAchievement a, decimal weight)
    {
        if (a.Achievement is not { } achievement)
            return new IndicatorLine(a.IndicatorCode, weight, null, IndicatorBand.NoData, 0m);
        var x = ToRatio(achievement);
        return x >= bands.FullFrom ? new IndicatorLine(a.IndicatorCode, weight, achievement, IndicatorBand.Full, weight)
            : x >= bands.ProportionalFrom ? new IndicatorLine(a.IndicatorCode, weight, achievement, IndicatorBand.Proportional, weight * x)
            : new IndicatorLine(a.IndicatorCode, weight, achievement, IndicatorBand.Zero, 0m);
    }

    private static decimal RawWeight(ScoringScheme scheme, string code) =>
        scheme.Weights.Count == 0 ? 1m
        : scheme.Weights.TryGetValue(code, out var weight) ? weight
        : throw new ArgumentException($"The {scheme.Year} scheme v{scheme.Version} has no weight for indicator {code}.", nameof(scheme));

    /// <summary>The weights scaled to share 100 points exactly: each w × 100 / Σw, unrounded.</summary>
    private static Dictionary<string, decimal> Shares(IReadOnlyList<(string Code, decimal Raw)> raw)
    {
        var sum = raw.Sum(r => r.Raw);
        return raw.ToDictionary(r => r.Code, r => sum <= 0 ? 0m : r.Raw * 100m / sum);
    }

    private static decimal PointsPer(DeductionRule rule, DeductionKind kind) => kind switch
    {
        DeductionKind.LateReport => rule.PerLateReport,
        DeductionKind.MissingReport => rule.PerMissingReport,
        DeductionKind.OverdueEscalation => rule.PerOverdueEscalation,
        DeductionKind.OverdueKeyTask => rule.PerOverdueKeyTask,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown deduction kind."),
    };

    // Beyond ±1000% every band and the bonus behave the same; clamping keeps the decimal conversion safe.
    private static decimal ToRatio(double x) => double.IsFinite(x)
        ? (decimal)Math.Clamp(x, -10, 10)
        : throw new ArgumentOutOfRangeException(nameof(x), x, "An achievement must be a finite number.");

    /// <summary>Places a total keeps: beyond them an exact share's digits are decimal's rounding, not the scheme's.</summary>
    public const int Decimals = 12;

    internal static decimal Round(decimal points) => Math.Round(points, Decimals, MidpointRounding.AwayFromZero);
}

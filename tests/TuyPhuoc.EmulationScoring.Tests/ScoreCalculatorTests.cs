using TuyPhuoc.EmulationScoring.Domain;
using static TuyPhuoc.EmulationScoring.Tests.Schemes;

namespace TuyPhuoc.EmulationScoring.Tests;

public class ScoreCalculatorTests
{
    [Theory]
    [InlineData(0.4999, IndicatorBand.Zero, 0.0, 0.0)]
    [InlineData(0.5, IndicatorBand.Proportional, 12.5, 0.0)]
    [InlineData(0.99, IndicatorBand.Proportional, 24.75, 0.0)]
    [InlineData(1.0, IndicatorBand.Full, 25.0, 0.0)]
    [InlineData(1.0999, IndicatorBand.Full, 25.0, 0.0)]
    [InlineData(1.1, IndicatorBand.Full, 25.0, 2.5)]
    public void Score_AchievementAtBandEdge_PointsAndBonusFollowBands(double x, IndicatorBand band, double points, double bonus)
    {
        var score = ScoreCalculator.Score(Default, ScoreBasis.Year, FourWith(x), []);

        var line = score.Indicators[0];
        Assert.Equal(("A", 25m, band, (decimal)points), (line.IndicatorCode, line.Weight, line.Band, line.Points));
        Assert.Equal((decimal)bonus, score.BonusPoints);
        Assert.Equal(75m + (decimal)points + (decimal)bonus, score.Total);
    }

    [Fact]
    public void Score_NoData_ZeroPointsAndWeightKept()
    {
        var score = ScoreCalculator.Score(Default, ScoreBasis.Year, FourWith(null), []);

        Assert.Equal(new IndicatorLine("A", 25m, null, IndicatorBand.NoData, 0m), score.Indicators[0]);
        Assert.Equal(75m, score.Total);
    }

    [Fact]
    public void Score_BonusesAboveCap_CapLineBringsBonusDownToCap()
    {
        var all = new[] { Indicator("A", 1.5), Indicator("B", 1.2), Indicator("C", 1.1), Indicator("D", 1.05) };

        var score = ScoreCalculator.Score(Default, ScoreBasis.Year, all, []);

        Assert.Equal(["A", "B", "C"], score.Bonuses.Select(b => b.IndicatorCode));
        Assert.All(score.Bonuses, b => Assert.Equal(2.5m, b.Points));
        Assert.Equal(-2.5m, score.BonusCapAdjustment);
        Assert.Equal(5m, score.BonusPoints);
        Assert.Equal(105m, score.Total);
    }

    [Fact]
    public void Score_BonusesUnderCap_NoCapAdjustment()
    {
        var score = ScoreCalculator.Score(Default, ScoreBasis.Year, [Indicator("A", 1.2), Indicator("B", 1.2), Indicator("C", 0.9), Indicator("D", 1)], []);

        Assert.Equal(0m, score.BonusCapAdjustment);
        Assert.Equal(5m, score.BonusPoints);
        Assert.Equal(25m + 25m + 22.5m + 25m + 5m, score.Total);
    }

    [Theory]
    [InlineData(DeductionKind.LateReport, "report 2024-03 late by 4 days", -0.25)]
    [InlineData(DeductionKind.MissingReport, "report 2024-05 missing", -1.5)]
    [InlineData(DeductionKind.OverdueEscalation, "escalation E-12 overdue since 2024-05-10", -2.0)]
    public void Score_DeductionEvent_TakesSchemePointsOffWithCause(DeductionKind kind, string cause, double points)
    {
        var scheme = Default with { Deductions = new DeductionRule(PerLateReport: 0.25m, PerMissingReport: 1.5m, PerOverdueEscalation: 2m) };

        var score = ScoreCalculator.Score(scheme, ScoreBasis.Year, FourWith(1.0), [new DeductionEvent(kind, cause)]);

        Assert.Equal(new DeductionLine(kind, cause, (decimal)points), Assert.Single(score.Deductions));
        Assert.Equal(-(decimal)points, score.Deducted);
        Assert.Equal(100m + (decimal)points, score.Total);
    }

    [Fact]
    public void Score_SeveralDeductions_EachIsItsOwnLine()
    {
        DeductionEvent[] events =
        [
            new(DeductionKind.LateReport, "report 2024-03 late by 4 days"),
            new(DeductionKind.LateReport, "report 2024-04 late by 1 day"),
            new(DeductionKind.OverdueEscalation, "escalation E-12 overdue since 2024-05-10"),
        ];

        var score = ScoreCalculator.Score(Default, ScoreBasis.Year, FourWith(1.0), events);

        Assert.Equal([-0.5m, -0.5m, -1m], score.Deductions.Select(d => d.Points));
        Assert.Equal(events.Select(e => e.Cause), score.Deductions.Select(d => d.Cause));
        Assert.Equal(98m, score.Total);
    }

    [Fact]
    public void Score_ProvisionalWithYearEndIndicator_WeightSpreadOverOthers()
    {
        IndicatorAchievement[] all = [Indicator("A", 1.0), Indicator("B", 1.0), Indicator("C", 0.6), Indicator("INCOME", 0.2, yearEnd: true)];

        var score = ScoreCalculator.Score(Default, ScoreBasis.Provisional, all, []);

        Assert.Equal([100m / 3, 100m / 3, 100m / 3, 0m], score.Indicators.Select(l => l.Weight));
        Assert.Equal(new IndicatorLine("INCOME", 0m, 0.2, IndicatorBand.JudgedAtYearEnd, 0m), score.Indicators[3]);
        Assert.Equal(86.666666666667m, score.Total);
    }

    [Fact]
    public void Score_YearWithYearEndIndicator_YearEndIndicatorCounts()
    {
        IndicatorAchievement[] all = [Indicator("A", 1.0), Indicator("B", 1.0), Indicator("C", 0.6), Indicator("INCOME", 0.2, yearEnd: true)];

        var score = ScoreCalculator.Score(Default, ScoreBasis.Year, all, []);

        Assert.Equal([25m, 25m, 25m, 25m], score.Indicators.Select(l => l.Weight));
        Assert.Equal(IndicatorBand.Zero, score.Indicators[3].Band);
        Assert.Equal(65m, score.Total);
    }

    [Fact]
    public void Score_ExplicitWeightsProvisional_RenormalisedOverScoredIndicators()
    {
        var scheme = Default with { Weights = new Dictionary<string, decimal> { ["A"] = 30m, ["B"] = 10m, ["Y"] = 60m } };

        var score = ScoreCalculator.Score(scheme, ScoreBasis.Provisional, [Indicator("A", 1.0), Indicator("B", 0.5), Indicator("Y", 1.0, yearEnd: true)], []);

        Assert.Equal([75m, 25m, 0m], score.Indicators.Select(l => l.Weight));
        Assert.Equal(87.5m, score.Total);
    }

    [Fact]
    public void Score_EqualWeightsOverThree_FullAchievementIsExactly100()
    {
        var score = ScoreCalculator.Score(Default, ScoreBasis.Year, [Indicator("A", 1), Indicator("B", 1), Indicator("C", 1)], []);

        Assert.Equal(100m, score.Total);
    }

    [Fact]
    public void Score_EqualWeightsOver34_ExactSharesNotCents()
    {
        var all = Enumerable.Range(0, 34).Select(i => Indicator($"I{i:00}", 1)).ToArray();

        var score = ScoreCalculator.Score(Default, ScoreBasis.Year, all, []);

        Assert.All(score.Indicators, l => Assert.Equal(100m / 34, l.Weight));
        Assert.Equal(100m, score.Total);
    }

    [Fact]
    public void Score_LinesWithManyDecimals_TotalIsTheirExactSum()
    {
        var score = ScoreCalculator.Score(Default, ScoreBasis.Year, [.. "ABCD".Select(c => Indicator(c.ToString(), 0.6015))], []);

        Assert.All(score.Indicators, l => Assert.Equal(15.0375m, l.Points));
        Assert.Equal(60.15m, score.Total);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Score_RandomUnits_BreakdownLinesAddUpToTotal(int seed)
    {
        var random = new Random(seed);
        var all = Enumerable.Range(0, random.Next(1, 35))
            .Select(i => Indicator($"I{i:00}", random.Next(10) == 0 ? null : random.NextDouble() * 1.4, yearEnd: random.Next(6) == 0))
            .ToArray();
        var events = Enumerable.Range(0, random.Next(4))
            .Select(i => new DeductionEvent((DeductionKind)random.Next(3), $"event {i}"))
            .ToArray();

        foreach (var basis in new[] { ScoreBasis.Provisional, ScoreBasis.Year })
        {
            var score = ScoreCalculator.Score(Default, basis, all, events);
            decimal[] lines = [.. score.Indicators.Select(l => l.Points), .. score.Bonuses.Select(b => b.Points), score.BonusCapAdjustment, .. score.Deductions.Select(d => d.Points)];

            Assert.Equal(Math.Round(lines.Sum(), ScoreCalculator.Decimals), score.Total);
            Assert.Equal(score.Indicators.Any(l => l.Weight > 0) ? 100m : 0m, Math.Round(score.Indicators.Sum(l => l.Weight), ScoreCalculator.Decimals));
            Assert.InRange(score.BonusPoints, 0m, 5m);
        }
    }

    [Fact]
    public void Score_IndicatorWithoutWeight_Throws()
    {
        var scheme = Default with { Weights = new Dictionary<string, decimal> { ["A"] = 1m } };

        var error = Assert.Throws<ArgumentException>(() => ScoreCalculator.Score(scheme, ScoreBasis.Year, [Indicator("A", 1), Indicator("B", 1)], []));
        Assert.Contains("indicator B", error.Message);
    }
}

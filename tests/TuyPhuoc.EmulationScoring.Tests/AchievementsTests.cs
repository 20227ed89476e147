using TuyPhuoc.EmulationScoring.Domain;

namespace TuyPhuoc.EmulationScoring.Tests;

public class AchievementsTests
{
    // The worked example of docs/rules.md (Carry-over, Achievement): T = 100, t = 20, 30, 25, 25; a = 15, 30, 35, 20.
    private static readonly double[] Targets = [20, 30, 25, 25];
    private static readonly QuarterFacts[] Worked =
    [
        new(1, 15, 20, 0.15), new(2, 45, 50, 0.45), new(3, 80, 75, 0.80), new(4, 100, 100, 1.0),
    ];

    private static IndicatorFacts Cumulative(params QuarterFacts[] quarters) =>
        new("C", MeasureKind.Cumulative, false, 100, Targets, quarters.LastOrDefault()?.Progress, quarters, 1);

    [Theory]
    [InlineData(1, 0.75)]
    [InlineData(2, 0.9)]
    [InlineData(3, 80.0 / 75)]
    [InlineData(4, 1.0)]
    [InlineData(0, 1.0)]
    public void For_CumulativeWorkedExample_YearToDateOverCumulativePlan(int quarter, double expected)
    {
        var x = Achievements.For(Cumulative(Worked), quarter);

        Assert.Equal(expected, x.Achievement!.Value, 9);
        Assert.False(x.IsYearEnd);
    }

    [Fact]
    public void For_QuarterPastLatestData_YearToDateStaysAndPlanGrowsFromQuarterTargets()
    {
        var facts = Cumulative(Worked[0], Worked[1]);

        Assert.Equal(45.0 / 75, Achievements.For(facts, 3).Achievement!.Value, 9);
        Assert.Equal(0.45, Achievements.For(facts, 0).Achievement!.Value, 9);
    }

    [Fact]
    public void For_NothingSubmittedByTheQuarter_NoData()
    {
        var facts = Cumulative(new QuarterFacts(1, null, 20, null), new QuarterFacts(2, 30, 50, 0.3)) with { FirstMonthWithData = 5 };

        Assert.Null(Achievements.For(facts, 1).Achievement);
        Assert.Equal(0.6, Achievements.For(facts, 2).Achievement!.Value, 9);
    }

    [Fact]
    public void For_SumOfNothingSubmitted_NoDataNotZero()
    {
        var facts = Cumulative(new QuarterFacts(1, 0, 20, 0), new QuarterFacts(2, 0, 50, 0)) with { FirstMonthWithData = null };

        Assert.All(UnitScores.Quarters, q => Assert.Null(Achievements.For(facts, q).Achievement));
    }

    [Fact]
    public void For_NoResultAtAll_NoDataInEveryQuarterAndTheYear()
    {
        var facts = IndicatorFacts.WithoutResult("C", MeasureKind.Cumulative, false);

        Assert.All(UnitScores.Quarters, q => Assert.Null(Achievements.For(facts, q).Achievement));
    }

    [Theory]
    [InlineData(8, 10, 1.2)]    // well under the ceiling: capped at 120%
    [InlineData(10, 10, 1.0)]
    [InlineData(13, 10, 0.7)]
    [InlineData(25, 10, 0.0)]
    public void For_CumulativeLowerIsBetter_TwoMinusRatioClamped(double actual, double plan, double expected)
    {
        var facts = new IndicatorFacts("ACC", MeasureKind.Cumulative, true, 40, [10, 10, 10, 10], null, [new QuarterFacts(1, actual, plan, null)], 1);

        Assert.Equal(expected, Achievements.For(facts, 1).Achievement!.Value, 9);
    }

    [Fact]
    public void For_LowerIsBetterWithNothingPlanned_AchievedOnlyAtZero()
    {
        static IndicatorFacts Facts(double a) => new("ACC", MeasureKind.Cumulative, true, 0, [0, 0, 0, 0], null, [new QuarterFacts(1, a, 0, null)], 1);

        Assert.Equal(1.0, Achievements.For(Facts(0), 1).Achievement);
        Assert.Equal(0.0, Achievements.For(Facts(1), 1).Achievement);
    }

    [Theory]
    [InlineData(1, 0.3, 1.2, 1.2)]
    [InlineData(1, 0.3, 0.8, 0.8)]
    [InlineData(4, 0.9, 0.9, 0.9)]
    public void For_LevelAsOfQuarter_TheShareOfTheQuartersRequirementItsStatusWasJudgedBy(int quarter, double progress, double percent, double expected)
    {
        var facts = new IndicatorFacts("L", MeasureKind.Level, false, 95, [], progress, [new QuarterFacts(quarter, 93, null, progress, percent)], 1);

        Assert.Equal(expected, Achievements.For(facts, quarter).Achievement!.Value, 9);
    }

    [Fact]
    public void For_LevelQuarterWithoutNewValue_TheLatestQuartersShareCarriesOn()
    {
        var facts = new IndicatorFacts("L", MeasureKind.Level, false, 95, [], 0.5, [new QuarterFacts(1, 93, null, 0.5, 0.97)], 2);

        Assert.Equal(0.97, Achievements.For(facts, 2).Achievement!.Value, 9);
        Assert.Equal(0.5, Achievements.For(facts, 0).Achievement!.Value, 9);
    }

    [Fact]
    public void Compute_UnitWhoseIndicatorsAreAllJudgedAtYearEnd_NotScoredProvisionallyScoredForTheYear()
    {
        IndicatorFacts[] facts = [new("Y", MeasureKind.YearEnd, false, 60, [], 1.05, [new QuarterFacts(4, 63, null, 1.05)], 12)];

        var scores = UnitScores.Compute(DefaultSchemes.Year2024, facts, [], [], new DateOnly(2025, 1, 1));

        Assert.All([1, 2, 3, 4], q => Assert.False(scores[q].Scored));
        Assert.True(scores[0].Scored);
        Assert.Equal(100m, scores[0].Total);
    }

    [Fact]
    public void For_Growth_ProgressAsIs()
    {
        var facts = new IndicatorFacts("G", MeasureKind.Growth, false, 8, [], 0.9, [new QuarterFacts(2, 7.2, null, 0.9)], 4);

        Assert.Equal(0.9, Achievements.For(facts, 2).Achievement!.Value, 9);
    }

    [Fact]
    public void For_YearEnd_OnlyInTheYearsScore()
    {
        var facts = new IndicatorFacts("Y", MeasureKind.YearEnd, false, 60, [], 1.05, [new QuarterFacts(4, 63, null, 1.05)], 12);

        Assert.All([1, 2, 3, 4], q => Assert.Equal(new IndicatorAchievement("Y", null, true), Achievements.For(facts, q)));
        Assert.Equal(new IndicatorAchievement("Y", 1.05, true), Achievements.For(facts, 0));
    }

    [Fact]
    public void Compute_ProvisionalScore_YearEndWeightSpreadOverTheOthers()
    {
        IndicatorFacts[] facts =
        [
            Cumulative(Worked) with { IndicatorCode = "A" },
            new("Y", MeasureKind.YearEnd, false, 60, [], null, [], null),
        ];

        var scores = UnitScores.Compute(DefaultSchemes.Year2024, facts, [], [], new DateOnly(2025, 1, 1));

        Assert.Equal(100m, scores[4].Indicators.Single(l => l.IndicatorCode == "A").Weight);
        Assert.Equal(IndicatorBand.JudgedAtYearEnd, scores[4].Indicators.Single(l => l.IndicatorCode == "Y").Band);
        Assert.Equal(50m, scores[0].Indicators.Single(l => l.IndicatorCode == "A").Weight);
        Assert.Equal(IndicatorBand.NoData, scores[0].Indicators.Single(l => l.IndicatorCode == "Y").Band);
        Assert.All(scores.Values, s => Assert.Equal(Math.Round(s.Indicators.Sum(l => l.Points) + s.BonusPoints - s.Deducted, ScoreCalculator.Decimals), s.Total));
    }
}

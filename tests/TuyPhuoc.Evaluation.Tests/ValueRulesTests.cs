using TuyPhuoc.Evaluation.Domain;
using static TuyPhuoc.Evaluation.Tests.Scenarios;

namespace TuyPhuoc.Evaluation.Tests;

public class ValueRulesTests
{
    [Theory]
    [InlineData(Direction.HigherIsBetter, 90, 95, 93, 0.6)] // health-insurance coverage from last year's 90%
    [InlineData(Direction.HigherIsBetter, 90, 95, 88, -0.4)]
    [InlineData(Direction.LowerIsBetter, 5, 4, 4.5, 0.5)] // poverty rate from last year's 5%
    [InlineData(Direction.LowerIsBetter, 5, 4, 3.5, 1.5)]
    public void LevelProgress_WithBaseline_MeasuresFromBaseline(Direction direction, double baseline, double target, double value, double expected) =>
        Assert.Equal((decimal)expected, EvaluationRules.LevelProgress((decimal)value, (decimal)target, (decimal)baseline, direction));

    [Theory]
    [InlineData(Direction.HigherIsBetter, 90, 45, 0.5)]
    [InlineData(Direction.HigherIsBetter, 90, 99, 1.1)]
    [InlineData(Direction.LowerIsBetter, 4, 5, 0.75)]
    [InlineData(Direction.LowerIsBetter, 4, 3, 1.2)] // 1.25 capped
    [InlineData(Direction.LowerIsBetter, 4, 9, 0)] // −0.25 floored
    public void LevelProgress_WithoutBaseline_IsRatioOrClampedTwoMinusRatio(Direction direction, double target, double value, double expected) =>
        Assert.Equal((decimal)expected, EvaluationRules.LevelProgress((decimal)value, (decimal)target, null, direction));

    [Theory]
    [InlineData(Direction.LowerIsBetter, 0, 1)]
    [InlineData(Direction.LowerIsBetter, 0.1, 0)]
    [InlineData(Direction.HigherIsBetter, 0, 1)]
    public void LevelProgress_ZeroTarget_ReachedOrNotWithoutDivision(Direction direction, double value, int expected) =>
        Assert.Equal(expected, EvaluationRules.LevelProgress((decimal)value, 0, null, direction));

    [Theory]
    [InlineData(Direction.HigherIsBetter, 90, 1)]
    [InlineData(Direction.HigherIsBetter, 89, 0)]
    [InlineData(Direction.LowerIsBetter, 90, 1)]
    [InlineData(Direction.LowerIsBetter, 91, 0)]
    public void LevelProgress_TargetEqualsBaseline_ReachedOrNotWithoutDivision(Direction direction, int value, int expected) =>
        Assert.Equal(expected, EvaluationRules.LevelProgress(value, 90, 90, direction));

    [Fact]
    public void Evaluate_LevelQuarter_TakesLatestSubmittedValue()
    {
        var q1 = Evaluate(Indicator(MeasureKind.Level), 96, null, Months(91, 93, null), asOf: 1).Quarter(1);

        Assert.Equal((93m, 93m), (q1.Actual!.Value, q1.YearToDate!.Value));
    }

    [Theory]
    [InlineData(1, 90.8, 0.2, 0.8, Status.NotAchieved)]
    [InlineData(2, 92, 0.5, 1, Status.Achieved)]
    [InlineData(3, 92.8, 0.7, 0.7 / 0.75, Status.AtRisk)]
    [InlineData(4, 94.2, 1.05, 1.05, Status.Achieved)]
    public void Evaluate_LevelWithoutQuarterTargets_OnTrackWhenProgressReachesQuarterShare(int quarter, double value, double progress, double share, Status expected)
    {
        var months = new decimal?[12];
        months[3 * quarter - 1] = (decimal)value;

        var row = Evaluate(Indicator(MeasureKind.Level, baseline: 90), 94, null, months, asOf: quarter).Quarter(quarter);

        Assert.Equal((StatusBasis.OnTrackProgress, quarter / 4m, (decimal)progress, expected), (row.Basis, row.Requirement!.Value, row.Progress!.Value, row.Status));
        Assert.Equal(share, (double)row.PercentOfRequirement!.Value, 10);
    }

    [Fact]
    public void Evaluate_LevelWithQuarterTargets_ComparesQuarterValueInItsDirection()
    {
        var poverty = Indicator(MeasureKind.Level, Direction.LowerIsBetter, baseline: 5);

        var result = Evaluate(poverty, 4, [4.8m, 4.6m, 4.4m, 4], Months(4.9m, 4.8m, 4.8m, 4.7m, 4.8m, 4.7m), asOf: 2);

        var (q1, q2) = (result.Quarter(1), result.Quarter(2));
        Assert.Equal((StatusBasis.QuarterTarget, 4.8m, Status.Achieved, 1m), (q1.Basis, q1.Requirement!.Value, q1.Status, q1.PercentOfRequirement!.Value));
        Assert.Equal((Status.NotAchieved, 0.75m), (q2.Status, q2.PercentOfRequirement!.Value));
        Assert.Equal(new CheckpointResult(2, 0.5m, 0.3m, false), Assert.Single(q2.Checkpoints));
    }

    [Fact]
    public void Evaluate_LevelRevisionLowersValue_LowersProgressAndStatus()
    {
        var original = Evaluate(Indicator(MeasureKind.Level, baseline: 90), 94, null, Months(90, 91, 91.2m), asOf: 1).Quarter(1);
        var revised = Evaluate(Indicator(MeasureKind.Level, baseline: 90), 94, null, Months(90, 91, 90.4m), asOf: 1).Quarter(1);

        Assert.Equal((0.3m, Status.Achieved), (original.Progress!.Value, original.Status));
        Assert.Equal((0.1m, Status.NotAchieved), (revised.Progress!.Value, revised.Status));
    }

    [Fact]
    public void Evaluate_LevelQuarterWithoutSubmission_NoDataButCheckpointUsesLatestValue()
    {
        var result = Evaluate(Indicator(MeasureKind.Level, baseline: 90), 94, null, Months(null, null, 92.4m), asOf: 2);

        var q2 = result.Quarter(2);
        Assert.Equal((Status.NoData, (decimal?)null, 92.4m), (q2.Status, q2.Actual, q2.YearToDate!.Value));
        Assert.Equal(new CheckpointResult(2, 0.5m, 0.6m, true), Assert.Single(q2.Checkpoints));
    }

    [Fact]
    public void Evaluate_LevelNothingSubmitted_NoDataAndFailsCheckpoint()
    {
        var q2 = Evaluate(Indicator(MeasureKind.Level), 94, null, Months(), asOf: 2).Quarter(2);

        Assert.Equal((Status.NoData, (decimal?)null), (q2.Status, q2.Progress));
        Assert.Equal(new CheckpointResult(2, 0.5m, null, false), Assert.Single(q2.Checkpoints));
    }

    [Fact]
    public void Evaluate_Growth_ProgressIsValueOverTargetIgnoringBaseline()
    {
        var growth = Indicator(MeasureKind.Growth, baseline: 7);

        var result = Evaluate(growth, 8, null, Months(5, 5.5m, 6, 7, 8.2m, null), asOf: 2);

        var (q1, q2) = (result.Quarter(1), result.Quarter(2));
        Assert.Equal((StatusBasis.YearTarget, 8m, 0.75m, Status.NotAchieved), (q1.Basis, q1.Requirement!.Value, q1.Progress!.Value, q1.Status));
        Assert.Equal((1.025m, Status.Achieved), (q2.Progress!.Value, q2.Status));
    }

    [Fact]
    public void Evaluate_GrowthWithQuarterTargets_ComparesQuarterRate()
    {
        var q1 = Evaluate(Indicator(MeasureKind.Growth), 8, [6, 7, 7.5m, 8], Months(null, null, 5.7m), asOf: 1).Quarter(1);

        Assert.Equal((StatusBasis.QuarterTarget, 0.95m, Status.AtRisk), (q1.Basis, q1.PercentOfRequirement!.Value, q1.Status));
    }

    [Fact]
    public void Evaluate_YearEndBeforeFourthQuarter_JudgedAtYearEndWithoutCheckpoints()
    {
        var result = Evaluate(Indicator(MeasureKind.YearEnd), 60, null, Months(null, null, 20, null, null, 25), asOf: 3);

        Assert.All(result.Quarters, q => Assert.Equal((Status.JudgedAtYearEnd, StatusBasis.None, 0), (q.Status, q.Basis, q.Checkpoints.Count)));
        Assert.Null(result.PassesCheckpoints(3));
    }

    [Theory]
    [InlineData(Direction.HigherIsBetter, 60, 61, Status.Achieved)] // income per head, million VND
    [InlineData(Direction.HigherIsBetter, 60, 55, Status.AtRisk)]
    [InlineData(Direction.LowerIsBetter, 4, 4.2, Status.AtRisk)] // poverty rate after the annual survey
    [InlineData(Direction.LowerIsBetter, 4, 5, Status.NotAchieved)]
    public void Evaluate_YearEndFourthQuarter_EvaluatedAgainstYearTarget(Direction direction, double target, double value, Status expected)
    {
        var result = Evaluate(Indicator(MeasureKind.YearEnd, direction), (decimal)target, null, [.. new decimal?[11], (decimal)value]);

        var q4 = result.Quarter(4);
        Assert.Equal((StatusBasis.YearTarget, (decimal)target, expected), (q4.Basis, q4.Requirement!.Value, q4.Status));
        Assert.Empty(q4.Checkpoints);
    }

    [Fact]
    public void Evaluate_YearEndNothingSubmitted_NoData() =>
        Assert.Equal(Status.NoData, Evaluate(Indicator(MeasureKind.YearEnd), 60, null, Months()).Quarter(4).Status);
}

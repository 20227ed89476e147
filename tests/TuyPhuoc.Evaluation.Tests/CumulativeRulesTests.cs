using TuyPhuoc.Evaluation.Domain;
using static TuyPhuoc.Evaluation.Tests.Scenarios;

namespace TuyPhuoc.Evaluation.Tests;

public class CumulativeRulesTests
{
    // docs/rules.md, Carry-over: T = 100, t = 20, 30, 25, 25, a = 15, 30, 35, 20 (spread over the months).
    static readonly decimal[] WorkedTargets = [20, 30, 25, 25];
    static readonly decimal?[] WorkedMonths = [5, 4, 6, 10, 10, 10, 10, 12, 13, 5, 5, 10];

    [Theory]
    [InlineData(1, 15, 20, 0, 20, 5, 15, 20, Status.NotAchieved)]
    [InlineData(2, 30, 35, 5, 30, 5, 45, 50, Status.NotAchieved)]
    [InlineData(3, 35, 30, 5, 25, 0, 80, 75, Status.Achieved)]
    [InlineData(4, 20, 25, 0, 25, 5, 100, 100, Status.NotAchieved)]
    public void Evaluate_WorkedExampleWithoutSurplusOffsets_MatchesTableRow(
        int quarter, int actual, int requirement, int carryIn, int phased, int carryOut, int yearToDate, int plan, Status status)
    {
        var row = Cumulative(100, WorkedTargets, WorkedMonths).Quarter(quarter);

        Assert.Equal(new decimal[] { phased, carryIn, 0, requirement, actual, yearToDate, plan, carryOut, yearToDate / 100m },
            new[] { row.PhasedTarget!.Value, row.CarryIn, row.SurplusIn, row.Requirement!.Value, row.Actual!.Value, row.YearToDate!.Value,
                row.CumulativePlan!.Value, row.CarryOut, row.Progress!.Value });
        Assert.Equal(status, row.Status);
        Assert.Equal(StatusBasis.PeriodRequirement, row.Basis);
        Assert.Equal(actual / (decimal)requirement, row.PercentOfRequirement);
    }

    [Theory]
    [InlineData(1, 15, 20, 0, 0, 5, Status.NotAchieved)]
    [InlineData(2, 30, 35, 5, 0, 5, Status.NotAchieved)]
    [InlineData(3, 35, 30, 5, 0, 0, Status.Achieved)]
    [InlineData(4, 20, 20, 0, 5, 0, Status.Achieved)]
    public void Evaluate_WorkedExampleWithSurplusOffsets_MatchesTableRow(
        int quarter, int actual, int requirement, int carryIn, int surplusIn, int carryOut, Status status)
    {
        var row = Cumulative(100, WorkedTargets, WorkedMonths, policy: SurplusOffsets).Quarter(quarter);

        Assert.Equal(new decimal[] { carryIn, surplusIn, requirement, actual, carryOut },
            new[] { row.CarryIn, row.SurplusIn, row.Requirement!.Value, row.Actual!.Value, row.CarryOut });
        Assert.Equal(status, row.Status);
    }

    [Fact]
    public void Evaluate_WorkedExampleSecondQuarter_FailsFiftyPercentCheckpoint()
    {
        var result = Cumulative(100, WorkedTargets, WorkedMonths);

        Assert.Equal(new CheckpointResult(2, 0.5m, 0.45m, false), Assert.Single(result.Quarter(2).Checkpoints));
        Assert.Empty(result.Quarter(1).Checkpoints);
        Assert.Null(result.PassesCheckpoints(1));
        Assert.False(result.PassesCheckpoints(4));
    }

    [Fact]
    public void Evaluate_ExactlyHalfAtCheckpoint_Passes()
    {
        var result = Cumulative(100, [20, 30, 25, 25], Months(10, 10, 10, 10, 5, 5), asOf: 2);

        Assert.Equal(new CheckpointResult(2, 0.5m, 0.5m, true), Assert.Single(result.Quarter(2).Checkpoints));
        Assert.True(result.PassesCheckpoints(2));
    }

    [Fact]
    public void Evaluate_JustBelowHalfAtCheckpoint_Fails()
    {
        var result = Cumulative(100, [20, 30, 25, 25], Months(10, 10, 10, 10, 5, 4.99m), asOf: 2);

        Assert.Equal(new CheckpointResult(2, 0.5m, 0.4999m, false), Assert.Single(result.Quarter(2).Checkpoints));
    }

    [Fact]
    public void Evaluate_CustomCheckpoints_EvaluatesEachInItsQuarter()
    {
        var policy = new EvaluationPolicy { Checkpoints = [new(1, 0.2m), new(3, 0.8m)] };

        var result = Cumulative(100, [25, 25, 25, 25], Months(10, 10, 10, 20, 20, 0, 5, 0, 0), asOf: 3, policy: policy);

        Assert.Equal(new CheckpointResult(1, 0.2m, 0.3m, true), Assert.Single(result.Quarter(1).Checkpoints));
        Assert.Empty(result.Quarter(2).Checkpoints);
        Assert.Equal(new CheckpointResult(3, 0.8m, 0.75m, false), Assert.Single(result.Quarter(3).Checkpoints));
        Assert.True(result.PassesCheckpoints(2));
        Assert.False(result.PassesCheckpoints(3));
    }

    [Theory]
    [InlineData(90, Status.AtRisk)]
    [InlineData(89.99, Status.NotAchieved)]
    [InlineData(100, Status.Achieved)]
    [InlineData(130, Status.Achieved)]
    public void Evaluate_ShareOfRequirement_FallsInStatusBand(double actual, Status expected)
    {
        var result = Cumulative(400, [100, 100, 100, 100], Months((decimal)actual), asOf: 1);

        Assert.Equal(expected, result.Quarter(1).Status);
        Assert.Equal((decimal)actual / 100, result.Quarter(1).PercentOfRequirement);
    }

    [Fact]
    public void Evaluate_CustomAtRiskBand_MovesTheBoundary()
    {
        var result = Cumulative(400, [100, 100, 100, 100], Months(80), asOf: 1, policy: new() { AtRiskBand = 0.8m });

        Assert.Equal(Status.AtRisk, result.Quarter(1).Status);
    }

    [Fact]
    public void Evaluate_ZeroTarget_AchievedWithoutDivisionByZero()
    {
        var result = Cumulative(0, [0, 0, 0, 0], Months(0, 0, 0), asOf: 1);

        var q1 = result.Quarter(1);
        Assert.Equal((Status.Achieved, 0m, 1m, 1m), (q1.Status, q1.Requirement!.Value, q1.Progress!.Value, q1.PercentOfRequirement!.Value));
    }

    [Fact]
    public void Evaluate_ZeroPhasedTargetWithCarryIn_RequiresTheCarry()
    {
        var result = Cumulative(10, [10, 0, 0, 0], Months(4, 0, 0, 3, 0, 0), asOf: 2);

        var q2 = result.Quarter(2);
        Assert.Equal((6m, 6m, 0.5m, 3m, Status.NotAchieved), (q2.CarryIn, q2.Requirement!.Value, q2.PercentOfRequirement!.Value, q2.CarryOut, q2.Status));
    }

    [Fact]
    public void Evaluate_QuarterWithoutSubmission_IsNoDataAndCarriesWholeRequirement()
    {
        var result = Cumulative(100, [20, 30, 25, 25], Months(null, null, null, 20, 20, 10), asOf: 2);

        var (q1, q2) = (result.Quarter(1), result.Quarter(2));
        Assert.Equal((Status.NoData, (decimal?)null, 0m, 20m), (q1.Status, q1.Actual, q1.YearToDate!.Value, q1.CarryOut));
        Assert.Equal((50m, 50m, 0m, Status.Achieved), (q2.Requirement!.Value, q2.Actual!.Value, q2.CarryOut, q2.Status));
    }

    [Fact]
    public void Evaluate_MissingMonthsWithinQuarter_SumsSubmittedMonths()
    {
        var result = Cumulative(100, [20, 30, 25, 25], Months(10, null, 8), asOf: 1);

        var q1 = result.Quarter(1);
        Assert.Equal((18m, 2m, Status.AtRisk), (q1.Actual!.Value, q1.CarryOut, q1.Status));
    }

    [Fact]
    public void Evaluate_RevisionLowersAMonth_LowersYearToDateAndRaisesCarry()
    {
        var original = Cumulative(100, [20, 30, 25, 25], Months(5, 5, 12), asOf: 1).Quarter(1);
        var revised = Cumulative(100, [20, 30, 25, 25], Months(5, 5, 2), asOf: 1).Quarter(1);

        Assert.Equal((Status.Achieved, 22m, 0m, 0.22m), (original.Status, original.YearToDate!.Value, original.CarryOut, original.Progress!.Value));
        Assert.Equal((Status.NotAchieved, 12m, 8m, 0.12m), (revised.Status, revised.YearToDate!.Value, revised.CarryOut, revised.Progress!.Value));
    }

    [Fact]
    public void Evaluate_NoQuarterTargets_PhasesEvenly()
    {
        var result = Cumulative(100, null, Months(10, 10, 10, 10, 10, 10), asOf: 2);

        Assert.Equal((25m, 25m, 50m, 0m), (result.Quarter(1).PhasedTarget!.Value, result.Quarter(2).PhasedTarget!.Value, result.Quarter(2).CumulativePlan!.Value, result.Quarter(2).CarryOut));
    }

    [Fact]
    public void Evaluate_MonthsAfterAsOfQuarter_AreIgnored()
    {
        var result = Cumulative(100, [20, 30, 25, 25], Months(10, 10, 10, 99), asOf: 1);

        Assert.Equal((1, 30m), (result.Quarters.Count, result.Quarter(1).YearToDate!.Value));
    }

    [Fact]
    public void Evaluate_SurplusCoversNextQuarter_AchievedOnlyWithSurplusOffsets()
    {
        decimal?[] months = Months(60, 0, 0, 0, 0, 0);

        var offsets = Cumulative(100, [20, 30, 25, 25], months, asOf: 2, policy: SurplusOffsets).Quarter(2);
        var plain = Cumulative(100, [20, 30, 25, 25], months, asOf: 2).Quarter(2);

        Assert.Equal((40m, -10m, 0m, Status.Achieved), (offsets.SurplusIn, offsets.Requirement!.Value, offsets.CarryOut, offsets.Status));
        Assert.Equal((0m, 30m, 30m, Status.NotAchieved), (plain.SurplusIn, plain.Requirement!.Value, plain.CarryOut, plain.Status));
    }

    [Fact]
    public void Evaluate_LowerIsBetterWithinPlan_AchievedWithCappedShare()
    {
        var result = Evaluate(Indicator(direction: Direction.LowerIsBetter), 40, [10, 10, 10, 10], Months(2, 3, 3), asOf: 1);

        var q1 = result.Quarter(1);
        Assert.Equal((Status.Achieved, StatusBasis.YearToDateCeiling, 10m, 1.2m), (q1.Status, q1.Basis, q1.Requirement!.Value, q1.PercentOfRequirement!.Value));
    }

    [Fact]
    public void Evaluate_LowerIsBetterOverPlan_NotAchievedWithoutCarryOver()
    {
        var result = Evaluate(Indicator(direction: Direction.LowerIsBetter), 40, [10, 10, 10, 10], Months(4, 4, 4, 2, 2, 2), asOf: 2);

        var (q1, q2) = (result.Quarter(1), result.Quarter(2));
        Assert.Equal((Status.NotAchieved, 0.8m, 0m), (q1.Status, q1.PercentOfRequirement!.Value, q1.CarryOut));
        Assert.Equal((0m, 20m, 18m, Status.Achieved), (q2.CarryIn, q2.Requirement!.Value, q2.YearToDate!.Value, q2.Status));
    }

    [Theory]
    [InlineData(11, 0.9, Status.AtRisk)]
    [InlineData(25, 0, Status.NotAchieved)]
    [InlineData(0, 1.2, Status.Achieved)]
    public void Evaluate_LowerIsBetterShare_IsClampedTwoMinusRatio(int accidents, double share, Status expected)
    {
        var q1 = Evaluate(Indicator(direction: Direction.LowerIsBetter), 40, [10, 10, 10, 10], Months(accidents), asOf: 1).Quarter(1);

        Assert.Equal(((decimal)share, expected), (q1.PercentOfRequirement!.Value, q1.Status));
    }

    [Theory]
    [InlineData(0, Status.Achieved, 1)]
    [InlineData(1, Status.NotAchieved, 0)]
    public void Evaluate_LowerIsBetterZeroTarget_AchievedOnlyAtZero(int accidents, Status expected, int progress)
    {
        var q1 = Evaluate(Indicator(direction: Direction.LowerIsBetter), 0, [0, 0, 0, 0], Months(accidents), asOf: 1).Quarter(1);

        Assert.Equal((expected, (decimal)progress), (q1.Status, q1.Progress!.Value));
    }

    [Fact]
    public void Evaluate_WrongMonthCount_Throws() =>
        Assert.Throws<ArgumentException>(() => Cumulative(100, null, [1, 2, 3]));

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void Evaluate_AsOfQuarterOutOfRange_Throws(int asOf) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Cumulative(100, null, Months(), asOf));
}

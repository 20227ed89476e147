using TuyPhuoc.Evaluation.Data;
using TuyPhuoc.Evaluation.Processing;
using TuyPhuoc.Evaluation.Domain;
using static TuyPhuoc.Evaluation.Tests.Scenarios;

namespace TuyPhuoc.Evaluation.Tests;

public class SummaryTests
{
    [Fact]
    public void Summarize_MixedResultsAtSecondQuarter_CountsStatusesAndCheckpoints()
    {
        (string, EvaluationResult)[] results =
        [
            ("on-plan", Cumulative(100, [25, 25, 25, 25], Months(10, 10, 10, 10, 10, 10), asOf: 2)),
            ("half", Cumulative(100, [20, 40, 20, 20], Months(10, 10, 0, 10, 10, 10), asOf: 2)),
            ("behind", Cumulative(100, [25, 25, 25, 25], Months(10, 10, 5, 5, 5, 5), asOf: 2)),
            ("silent", Cumulative(100, [25, 25, 25, 25], Months(20, 10), asOf: 2)),
            ("income", Evaluate(Indicator(MeasureKind.YearEnd), 60, null, Months(), asOf: 2)),
            ("poverty", Evaluate(Indicator(MeasureKind.YearEnd, Direction.LowerIsBetter), 4, null, Months(), asOf: 2)),
        ];

        var summary = EvaluationRules.Summarize(2, results);

        Assert.Equal(new Dictionary<Status, int>
        {
            [Status.Achieved] = 1, [Status.AtRisk] = 0, [Status.NotAchieved] = 2, [Status.NoData] = 1, [Status.JudgedAtYearEnd] = 2,
        }, summary.CountByStatus);
        Assert.Equal((2, 2, 2), (summary.CheckpointPassed, summary.CheckpointFailed, summary.ExcludedFromCheckpoints));
        Assert.Equal(["behind", "silent"], summary.BelowCheckpoint);
    }

    [Fact]
    public void Summarize_FirstQuarter_NoCheckpointDueYet()
    {
        var summary = EvaluationRules.Summarize(1, [(1, Cumulative(100, null, Months(1, 1, 1), asOf: 1))]);

        Assert.Equal((0, 0, 1), (summary.CheckpointPassed, summary.CheckpointFailed, summary.CountByStatus[Status.NotAchieved]));
    }
}

/// <summary>The reports that ship summarize stored statuses with the Domain's rule: the same answer as over the results.</summary>
public class StoredSummaryTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Summarize_StoredStatusesSlicedToAQuarter_SameAsTheRuleOverTheResults(int quarter)
    {
        (string Code, IndicatorDefinition Indicator, decimal Target, decimal[]? Quarters, decimal?[] Months)[] cases =
        [
            ("on-plan", Indicator(), 100, [25, 25, 25, 25], Months(10, 10, 10, 10, 10, 10, 9, 9, 9)),
            ("half", Indicator(), 100, [20, 40, 20, 20], Months(10, 10, 0, 10, 10, 10)),
            ("behind", Indicator(), 100, [25, 25, 25, 25], Months(10, 5, 5, 5, 5, 5, 1)),
            ("silent", Indicator(), 100, [25, 25, 25, 25], Months(20, 10)),
            ("coverage", Indicator(MeasureKind.Level, baseline: 90), 95, null, Months(91, 92, 92, 93, 93, 93)),
            ("income", Indicator(MeasureKind.YearEnd), 60, null, Months()),
        ];
        var results = cases.Select(c => (c.Code, Result: Evaluate(c.Indicator, c.Target, c.Quarters, c.Months))).ToList();
        var stored = results.Select(r => Snapshots.Slice(Snapshots.From(Spec(r.Code, r.Result), r.Result), quarter)).ToList();

        var expected = EvaluationRules.Summarize(quarter, results);
        var shipped = Reports.Summarize(quarter, stored);

        Assert.Equal(expected.CountByStatus, shipped.CountByStatus);
        Assert.Equal((expected.CheckpointPassed, expected.CheckpointFailed, expected.ExcludedFromCheckpoints),
            (shipped.CheckpointPassed, shipped.CheckpointFailed, shipped.ExcludedFromCheckpoints));
        Assert.Equal(expected.BelowCheckpoint, shipped.BelowCheckpoint.Select(s => s.UnitCode));
        Assert.Equal(expected.Laggards, shipped.Laggards.Select(s => s.UnitCode));
        Assert.NotEmpty(expected.Laggards);
    }

    /// <summary>Each case as the result of its own unit, so the summary's keys lead back to it.</summary>
    private static ResultSpec Spec(string unit, EvaluationResult result)
    {
        var i = result.Input.Indicator;
        return new(new ResultKey(2024, i.Code, unit), new IndicatorInfo(i.Code, i.Kind, i.Direction, i.Baseline, IndicatorSource.District, "economy", "TCKH", false),
            FigureKind.DistrictReported, "TCKH", result.Input.YearTarget, result.Input.QuarterTargets, ["TCKH"]);
    }
}

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

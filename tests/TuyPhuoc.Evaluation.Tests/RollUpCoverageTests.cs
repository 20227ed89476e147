using TuyPhuoc.Evaluation.Domain;

namespace TuyPhuoc.Evaluation.Tests;

public sealed class RollUpCoverageTests
{
    private static decimal?[] Months(params (int Month, decimal Value)[] values)
    {
        var months = new decimal?[12];
        foreach (var (month, value) in values) months[month - 1] = value;
        return months;
    }

    [Fact]
    public void Of_OneCommuneMissingAMonth_NamedAsNotReportedTheOthersCounted()
    {
        var coverage = RollUpCoverage.Of(MeasureKind.Cumulative, 1,
        [
            ("PHUOC_SON", Months((1, 5), (2, 5), (3, 5))),
            ("PHUOC_AN", Months((1, 4), (3, 6))),
            ("DIEU_TRI", Months((1, 2), (2, 2), (3, 2))),
        ]);

        Assert.Equal(3, coverage.Expected);
        Assert.Equal(["DIEU_TRI", "PHUOC_SON"], coverage.Reported);
        Assert.Equal(["PHUOC_AN"], coverage.NotReported);
    }

    [Fact]
    public void Of_QuarterUnderWay_OnlyTheMonthsSoFarAreAskedFor()
    {
        var coverage = RollUpCoverage.Of(MeasureKind.Cumulative, 2, [("A", Months((4, 1))), ("B", Months((4, 1))), ("C", Months())]);

        Assert.Equal(["A", "B"], coverage.Reported);
        Assert.Equal(["C"], coverage.NotReported);
    }

    [Fact]
    public void Of_Level_TheLatestMonthIsTheQuarters()
    {
        var coverage = RollUpCoverage.Of(MeasureKind.Level, 1, [("A", Months((3, 91))), ("B", Months((1, 90), (2, 90)))]);

        Assert.Equal(["A"], coverage.Reported);
        Assert.Equal(["B"], coverage.NotReported);
    }

    [Fact]
    public void Of_NobodySubmittedTheQuarter_NobodyReported()
    {
        var coverage = RollUpCoverage.Of(MeasureKind.Cumulative, 3, [("A", Months((1, 1))), ("B", Months())]);

        Assert.Empty(coverage.Reported);
        Assert.Equal(["A", "B"], coverage.NotReported);
    }
}

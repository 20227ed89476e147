using TuyPhuoc.Evaluation.Domain;

namespace TuyPhuoc.Evaluation.Tests;

public sealed class ReportApprovalTests
{
    private static decimal?[] Months(params int[] filled)
    {
        var months = new decimal?[12];
        foreach (var m in filled) months[m - 1] = 1;
        return months;
    }

    [Fact]
    public void PreliminaryMonths_AValueWhoseReportIsNotApproved_NamesItsMonth()
    {
        var months = ReportApproval.PreliminaryMonths(1, [("A", Months(1, 2, 3)), ("B", Months(1, 3))], new HashSet<(string, int)> { ("A", 1), ("A", 2), ("A", 3), ("B", 1) });

        Assert.Equal([3], months);
    }

    [Fact]
    public void PreliminaryMonths_EveryValueApprovedOrAfterTheQuarter_None()
    {
        var months = ReportApproval.PreliminaryMonths(1, [("A", Months(1, 4))], new HashSet<(string, int)> { ("A", 1) });

        Assert.Empty(months);
    }

    [Fact]
    public void PreliminaryMonths_NoValueAtAll_NothingPreliminary() =>
        Assert.Empty(ReportApproval.PreliminaryMonths(4, [("A", Months())], new HashSet<(string, int)>()));
}

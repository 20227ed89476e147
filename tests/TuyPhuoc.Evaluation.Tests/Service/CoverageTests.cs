using TuyPhuoc.Evaluation.Processing;
using TuyPhuoc.ServiceDefaults;
using static TuyPhuoc.Evaluation.Tests.Service.TestPlan;

namespace TuyPhuoc.Evaluation.Tests.Service;

/// <summary>What a figure says of its sources: which units reported (a roll-up) and whether their reports are approved; read alone and in the quarterly report.</summary>
public sealed class CoverageTests(PostgresFixture postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StatusAndQuarterReport_OneCommuneMissing_TheRollUpSaysWhich()
    {
        await using var rig = await EvaluatorRig.CreateAsync(postgres);
        await rig.ApplyAsync(Actual(Commune1, Grain, 1, 6), Actual(Commune1, Grain, 2, 6), Actual(Commune1, Grain, 3, 6),
            Actual(Office, Coverage, 3, 91m));

        var status = await rig.Reports().StatusAsync(Everything, District, Grain, Year, 1, Ct);
        var report = await rig.Reports().QuarterReportAsync(Everything, Year, 1, Ct);

        Assert.Equal((2, 1), (status.UnitsExpected, status.UnitsReported));
        Assert.Equal([Commune2], status.UnitsNotReported);
        var inReport = report.DistrictFigures.Single(f => f.IndicatorCode == Grain);
        Assert.Equal((2, 1, Commune2), (inReport.UnitsExpected, inReport.UnitsReported, inReport.UnitsNotReported.Single()));
        var reported = report.DistrictFigures.Single(f => f.IndicatorCode == Coverage);
        Assert.Equal((0, 0), (reported.UnitsExpected, reported.UnitsNotReported.Count));
    }

    private static FeedEntry Report(string unit, int month, string kind, long sequence) =>
        new(sequence, DateTimeOffset.UtcNow, kind, $"{unit}/{Year}/{month}", null, Report: new(unit, Year, month, kind == ChangeKinds.ReportApproved, sequence));

    [Fact]
    public async Task StatusAndQuarterReport_AMonthNotApproved_PreliminaryUntilItIs()
    {
        await using var rig = await EvaluatorRig.CreateAsync(postgres);
        await rig.ApplyAsync(Actual(Commune1, Grain, 1, 6), Actual(Commune2, Grain, 1, 4), Actual(Commune2, Grain, 2, 4));
        await rig.ApplyAsync(Report(Commune1, 1, ChangeKinds.ReportApproved, 5_001), Report(Commune2, 1, ChangeKinds.ReportApproved, 5_002),
            Report(Commune2, 2, ChangeKinds.ReportSubmitted, 5_003));

        var commune1 = await rig.Reports().StatusAsync(Everything, Commune1, Grain, Year, 1, Ct);
        var district = await rig.Reports().StatusAsync(Everything, District, Grain, Year, 1, Ct);
        var report = await rig.Reports().QuarterReportAsync(Everything, Year, 1, Ct);
        await rig.ApplyAsync(Report(Commune2, 2, ChangeKinds.ReportApproved, 5_004), Report(Commune2, 2, ChangeKinds.ReportSubmitted, 5_000));
        var approved = await rig.Reports().StatusAsync(Everything, District, Grain, Year, 1, Ct);
        var reportApproved = await rig.Reports().QuarterReportAsync(Everything, Year, 1, Ct);

        Assert.False(commune1.Preliminary);
        Assert.Equal((true, 2), (district.Preliminary, district.PreliminaryMonths.Single()));
        Assert.True(report.Preliminary);
        Assert.False(approved.Preliminary);
        Assert.False(reportApproved.DistrictFigures.Single(f => f.IndicatorCode == Grain).Preliminary);
    }
}

using TuyPhuoc.Evaluation.Processing;
using static TuyPhuoc.Evaluation.Tests.Service.TestPlan;

namespace TuyPhuoc.Evaluation.Tests.Service;

/// <summary>A district roll-up says which units reported: read alone and in the quarterly report.</summary>
public sealed class CoverageTests(PostgresFixture postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StatusAndQuarterReport_OneCommuneMissing_TheRollUpSaysWhich()
    {
        await using var rig = await EvaluatorRig.CreateAsync(postgres);
        await rig.ApplyAsync(Actual(Commune1, Grain, 1, 6), Actual(Commune1, Grain, 2, 6), Actual(Commune1, Grain, 3, 6),
            Actual(Office, Coverage, 3, 91m));

        var status = await rig.Reports().StatusAsync(Access.Everything, District, Grain, Year, 1, Ct);
        var report = await rig.Reports().QuarterReportAsync(Access.Everything, Year, 1, Ct);

        Assert.Equal((2, 1), (status.UnitsExpected, status.UnitsReported));
        Assert.Equal([Commune2], status.UnitsNotReported);
        var inReport = report.DistrictFigures.Single(f => f.IndicatorCode == Grain);
        Assert.Equal((2, 1, Commune2), (inReport.UnitsExpected, inReport.UnitsReported, inReport.UnitsNotReported.Single()));
        var reported = report.DistrictFigures.Single(f => f.IndicatorCode == Coverage);
        Assert.Equal((0, 0), (reported.UnitsExpected, reported.UnitsNotReported.Count));
    }
}

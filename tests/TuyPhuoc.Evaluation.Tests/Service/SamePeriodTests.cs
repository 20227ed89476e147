using static TuyPhuoc.Evaluation.Tests.Service.TestPlan;

namespace TuyPhuoc.Evaluation.Tests.Service;

/// <summary>
/// The same period last year (cùng kỳ) against a real PostgreSQL: last year's actuals, kept though that year has no plan
/// of its own, beside this year's figures, formed from the same units the same way.
/// </summary>
public sealed class SamePeriodTests(PostgresFixture postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const int LastYear = Year - 1;

    [Fact]
    public async Task QuarterReport_LastYearWithoutAPlan_EachFigureBesideLastYearsThroughTheSameQuarter_AndACorrectionShows()
    {
        await using var rig = await EvaluatorRig.CreateAsync(postgres);
        await rig.ApplyAsync(Actual(Commune1, Grain, 1, 10, year: LastYear), Actual(Commune2, Grain, 2, 6, year: LastYear),
            Actual(Commune1, Grain, 5, 4, year: LastYear), Actual(Commune1, Grain, 7, 50, year: LastYear), Actual(Office, Coverage, 6, 88, year: LastYear));
        await rig.ApplyAsync(Actual(Commune1, Grain, 1, 12), Actual(Commune2, Grain, 4, 12), Actual(Office, Coverage, 6, 92));

        var report = await rig.Reports().QuarterReportAsync(Everything, Year, 2, Ct);
        var grain = report.DistrictFigures.Single(f => f.IndicatorCode == Grain).Quarters;
        // Q1: 12 against 10 + 6; Q2: 12 + 12 against 10 + 6 + 4 (July's 50 lies after the period).
        Assert.Equal((12, 16, 0.75), (grain[0].YearToDate, grain[0].SamePeriodLastYear, grain[0].VersusLastYear));
        Assert.Equal((24, 20, 1.2), (grain[1].YearToDate, grain[1].SamePeriodLastYear, grain[1].VersusLastYear));
        var coverage = report.DistrictFigures.Single(f => f.IndicatorCode == Coverage).Quarters[1]; // a level: June against June
        Assert.Equal((92, 88), (coverage.YearToDate, coverage.SamePeriodLastYear));
        Assert.Equal(92 / 88.0, coverage.VersusLastYear, 9);
        var commune = await rig.Reports().StatusAsync(Everything, Commune1, Grain, Year, 2, Ct); // its own months only: 12 against 10 + 4
        Assert.Equal((12, 14), (commune.Quarters[1].YearToDate, commune.Quarters[1].SamePeriodLastYear));

        await rig.ApplyAsync(Actual(Commune2, Grain, 2, 16, year: LastYear));

        var corrected = await rig.Reports().QuarterReportAsync(Everything, Year, 2, Ct);
        Assert.Equal(30, corrected.DistrictFigures.Single(f => f.IndicatorCode == Grain).Quarters[1].SamePeriodLastYear);
    }

    [Fact]
    public async Task Status_NothingLastYear_NoSamePeriodAndNoShare()
    {
        await using var rig = await EvaluatorRig.CreateAsync(postgres);
        await rig.ApplyAsync(Actual(Commune1, Grain, 1, 12), Actual(Commune2, Grain, 1, 0, year: LastYear));

        var district = await rig.Reports().StatusAsync(Everything, District, Grain, Year, 1, Ct);

        // Last year's 0 is a figure; a share of it is not.
        Assert.Equal((true, 0, false), (district.Quarters[0].HasSamePeriodLastYear, district.Quarters[0].SamePeriodLastYear, district.Quarters[0].HasVersusLastYear));
        var commune = await rig.Reports().StatusAsync(Everything, Commune1, Grain, Year, 1, Ct);
        Assert.Equal((false, false), (commune.Quarters[0].HasSamePeriodLastYear, commune.Quarters[0].HasVersusLastYear));
    }

    /// <summary>
    /// Two communes merged into COMMUNE_1 on 1 July last year: their months of last year add up into its cùng kỳ (and
    /// into the district's), and the figure names them.
    /// </summary>
    [Fact]
    public async Task Status_CommunesMergedLastYear_TheirMonthsAddUpIntoTheNewOnesSamePeriod_AndAreNamed()
    {
        await using var rig = await EvaluatorRig.CreateAsync(postgres);
        rig.Plans.Mergers[LastYear] = new() { ["FORMER_A"] = Commune1, ["FORMER_B"] = Commune1, ["FORMER_C"] = "FORMER_B", ["ELSEWHERE"] = Commune2 };
        await rig.ApplyAsync(Actual("FORMER_A", Grain, 2, 10, year: LastYear), Actual("FORMER_B", Grain, 3, 5, year: LastYear),
            Actual("FORMER_C", Grain, 1, 1, year: LastYear), Actual(Commune1, Grain, 8, 7, year: LastYear), Actual("ELSEWHERE", Grain, 1, 100, year: LastYear));
        await rig.ApplyAsync(Actual(Commune1, Grain, 1, 12));

        var commune = await rig.Reports().StatusAsync(Everything, Commune1, Grain, Year, 3, Ct);

        Assert.Equal(["FORMER_A", "FORMER_B", "FORMER_C"], commune.SamePeriodFormerUnits);
        Assert.Equal((16, 23), (commune.Quarters[0].SamePeriodLastYear, commune.Quarters[2].SamePeriodLastYear)); // 10 + 5 + 1, then August's 7
        var district = await rig.Reports().StatusAsync(Everything, District, Grain, Year, 1, Ct);
        Assert.Equal(116, district.Quarters[0].SamePeriodLastYear); // COMMUNE_2's former unit too
    }
}

using TuyPhuoc.Evaluation.Domain;
using static TuyPhuoc.Evaluation.Tests.Service.TestPlan;

namespace TuyPhuoc.Evaluation.Tests.Service;

public sealed class PlannerTests
{
    [Fact]
    public void TouchedBy_CommuneActual_ItsAllocationAndTheDistrictRollUp()
    {
        var touched = ResultPlanner.TouchedBy(Plan(), Commune1, Grain).Select(s => (s.Key.UnitCode, s.Kind)).ToList();

        Assert.Equal([(Commune1, FigureKind.Allocation), (District, FigureKind.DistrictRollUp)], touched);
    }

    [Fact]
    public void TouchedBy_OfficeActual_TheDistrictFigureItReports()
    {
        var spec = Assert.Single(ResultPlanner.TouchedBy(Plan(), Office, Coverage));

        Assert.Equal((District, FigureKind.DistrictReported, Office), (spec.Key.UnitCode, spec.Kind, spec.ReportingUnit));
    }

    [Fact]
    public void TouchedBy_OfficeActualOfARolledUpIndicator_Nothing() => Assert.Empty(ResultPlanner.TouchedBy(Plan(), Office, Grain));

    [Fact]
    public void All_TestPlan_OneResultPerAllocationAndOneDistrictFigurePerIndicator()
    {
        var all = ResultPlanner.All(Plan()).ToList();

        Assert.Equal(8, all.Count);
        Assert.Equal(4, all.Count(s => s.DistrictFigure));
    }

    [Fact]
    public void Input_DistrictReportedByOfficeAndDistrict_LatestRevisionOfEachMonthWins()
    {
        var spec = Assert.Single(ResultPlanner.ForIndicator(Plan(), Coverage));
        var office = new MonthlyActual?[12];
        var district = new MonthlyActual?[12];
        office[0] = new(91m, 5);
        district[0] = new(92m, 9);
        office[1] = new(93m, 12);
        district[1] = new(90m, 3);

        var input = ResultPlanner.Input(spec, u => u == Office ? office : u == District ? district : null, EvaluationPolicy.Default);

        Assert.Equal([92m, 93m, null], input.MonthlyActuals.Take(3));
    }

    [Fact]
    public void Input_CommuneAllocatedLevelAsAMean_TheCommunesMeanEvenWhereTheOfficeReports()
    {
        var spec = ResultPlanner.ForIndicator(Plan(), Insured).Single(s => s.DistrictFigure);
        var office = new MonthlyActual?[12];
        var commune1 = new MonthlyActual?[12];
        var commune2 = new MonthlyActual?[12];
        office[0] = new(91.7m, 9);
        (commune1[0], commune2[0]) = (new(92m, 1), new(90m, 2));
        (commune1[1], commune2[1]) = (new(93m, 3), new(90m, 4));
        commune1[2] = new(94m, 5);

        var input = ResultPlanner.Input(spec, u => u switch { Office => office, Commune1 => commune1, Commune2 => commune2, _ => null }, EvaluationPolicy.Default);

        Assert.Equal(FigureKind.DistrictMean, spec.Kind);
        Assert.Equal([91m, 91.5m, 94m, null], input.MonthlyActuals.Take(4));
        Assert.Equal(2, ResultPlanner.TouchedBy(Plan(), Commune2, Insured).Count());
        Assert.Empty(ResultPlanner.TouchedBy(Plan(), Office, Insured));
    }

    [Fact]
    public void Input_CommuneAllocatedLevelAsAWeightedMean_WeighsEachCommuneByItsStatedQuantity()
    {
        var plan = Plan();
        var insured = plan.Indicators[Insured];
        var weighted = plan with
        {
            Indicators = new Dictionary<string, IndicatorPlan>(plan.Indicators)
            {
                [Insured] = insured with { Aggregation = Aggregation.WeightedMean, Allocations = [.. insured.Allocations.Select((a, i) => a with { Weight = i == 0 ? 3_000m : 1_000m })] },
            },
        };
        var spec = ResultPlanner.ForIndicator(weighted, Insured).Single(s => s.DistrictFigure);
        var commune1 = new MonthlyActual?[12];
        var commune2 = new MonthlyActual?[12];
        (commune1[0], commune2[0]) = (new(92m, 1), new(88m, 2));
        commune2[1] = new(90m, 3);

        var input = ResultPlanner.Input(spec, u => u switch { Commune1 => commune1, Commune2 => commune2, _ => null }, EvaluationPolicy.Default);

        Assert.Equal(FigureKind.DistrictWeightedMean, spec.Kind);
        Assert.Equal([91m, 90m, null], input.MonthlyActuals.Take(3));
        Assert.Equal([Commune1, Commune2], ResultPlanner.CellUnits(spec));
    }

    [Fact]
    public void ForIndicator_CommuneAllocatedLevelReportedByItsOffice_TheOfficesFigure()
    {
        var plan = Plan();
        var office = plan with
        {
            Indicators = new Dictionary<string, IndicatorPlan>(plan.Indicators) { [Insured] = plan.Indicators[Insured] with { Aggregation = Aggregation.ResponsibleOffice } },
        };

        var spec = Assert.Single(ResultPlanner.TouchedBy(office, Office, Insured));

        Assert.Equal((District, FigureKind.DistrictReported, Office), (spec.Key.UnitCode, spec.Kind, spec.ReportingUnit));
        Assert.Equal(3, ResultPlanner.ForIndicator(office, Insured).Count());
    }

    [Fact]
    public void LatestQuarterWithData_MonthsUpToMay_Quarter2() =>
        Assert.Equal(2, ResultPlanner.LatestQuarterWithData([1m, null, null, null, 2m, null, null, null, null, null, null, null]));
}

using TuyPhuoc.Evaluation.Domain;
using TuyPhuoc.Evaluation.Processing;
using Plans = TuyPhuoc.Contracts.Plans.V1;

namespace TuyPhuoc.Evaluation.Tests;

/// <summary>From the published plan to the rule: what the plan says reaches the evaluation as it says it.</summary>
public sealed class PlanMappingTests
{
    private static readonly Plans.Indicator Coverage = new()
    {
        Code = "COVERAGE", MeasureKind = Plans.MeasureKind.Level, Direction = Plans.Direction.HigherIsBetter, Baseline = 80,
        ResponsibleOfficeCode = "OFFICE", Source = Plans.IndicatorSource.Province, Block = Plans.SectorBlock.CultureSociety,
    };

    private static IndicatorPlan Map(Plans.Target target) =>
        PlanMapping.ToSnapshot(new Plans.Plan { Year = 2025, Targets = { target } }, [Coverage], "DISTRICT").Indicators["COVERAGE"];

    private static EvaluationResult Evaluate(IndicatorPlan plan, decimal march) =>
        EvaluationRules.Evaluate(new(plan.Indicator.Definition, plan.YearTarget, plan.QuarterTargets,
            [null, null, march, null, null, null, null, null, null, null, null, null], 1, EvaluationPolicy.Default));

    [Fact]
    public void ToSnapshot_LevelNotPhased_IsOnTrackAtAQuarterOfTheWayInQ1()
    {
        var plan = Map(new Plans.Target { IndicatorCode = "COVERAGE", DistrictTarget = 90, Baseline = 80 });

        var q1 = Evaluate(plan, 83m).Quarter(1);

        Assert.Null(plan.QuarterTargets);
        Assert.Equal((Status.Achieved, StatusBasis.OnTrackProgress), (q1.Status, q1.Basis));
        Assert.Equal(0.3m, q1.Progress);
    }

    [Fact]
    public void ToSnapshot_LevelPhasedAtTheYearTarget_IsJudgedAgainstItInQ1()
    {
        var plan = Map(new Plans.Target { IndicatorCode = "COVERAGE", DistrictTarget = 90, Baseline = 80, Quarters = { 90, 90, 90, 90 } });

        var q1 = Evaluate(plan, 83m).Quarter(1);

        Assert.Equal((Status.NotAchieved, StatusBasis.QuarterTarget), (q1.Status, q1.Basis));
    }

    [Fact]
    public void ToSnapshot_BaselineOfTheYearsTarget_IsTheOneProgressStartsFrom()
    {
        var plan = Map(new Plans.Target { IndicatorCode = "COVERAGE", DistrictTarget = 90, Baseline = 85 });

        Assert.Equal(85m, plan.Indicator.Baseline);
        Assert.Equal(0.6m, Evaluate(plan, 88m).Quarter(1).Progress);
    }

    [Theory]
    [InlineData(Plans.Aggregation.Sum, Aggregation.Sum)]
    [InlineData(Plans.Aggregation.Mean, Aggregation.Mean)]
    [InlineData(Plans.Aggregation.WeightedMean, Aggregation.WeightedMean)]
    [InlineData(Plans.Aggregation.ResponsibleOffice, Aggregation.ResponsibleOffice)]
    public void ToSnapshot_Aggregation_IsThePlans(Plans.Aggregation published, Aggregation expected) =>
        Assert.Equal(expected, Map(new Plans.Target { IndicatorCode = "COVERAGE", DistrictTarget = 90, Aggregation = published }).Aggregation);
}

using TuyPhuoc.Evaluation.Data;
using TuyPhuoc.Evaluation.Domain;
using TuyPhuoc.Evaluation.Processing;
using TuyPhuoc.ServiceDefaults;
using Plans = TuyPhuoc.Contracts.Plans.V1;

namespace TuyPhuoc.Evaluation.Tests;

/// <summary>Each quarter judged against the plan in force at its end: a revision from July leaves Q1 and Q2 as they were judged.</summary>
public sealed class PlanInForceTests
{
    private static readonly Plans.Indicator Revenue = new()
    {
        Code = "REVENUE", MeasureKind = Plans.MeasureKind.Cumulative, Direction = Plans.Direction.HigherIsBetter,
        ResponsibleOfficeCode = "TCKH", Source = Plans.IndicatorSource.District, Block = Plans.SectorBlock.Economy,
    };

    private static Plans.Plan Plan(int revision, string decision, double target, params double[] quarters) => new()
    {
        Year = 2025,
        Revision = new Plans.PlanRevision { Year = 2025, Revision = revision, DecisionNumber = decision },
        Targets = { new Plans.Target { IndicatorCode = "REVENUE", DistrictTarget = target, Quarters = { quarters }, Revision = revision } },
    };

    private static readonly Plans.Plan First = Plan(1, "12/QĐ-UBND", 400, 100, 100, 100, 100);
    private static readonly Plans.Plan July = Plan(2, "345/QĐ-UBND", 600, 100, 100, 200, 200);

    /// <summary>The district figure of REVENUE as stored, each quarter judged against the given quarter-end plans, with 100 a quarter reported.</summary>
    private static Contracts.Evaluation.V1.IndicatorStatus Judged(Plans.Plan today, params Plans.Plan[] atQuarterEnds)
    {
        var published = new PublishedPlan(today, new Dictionary<string, Plans.Indicator> { ["REVENUE"] = Revenue }, new Dictionary<string, Plans.Unit>(),
            new Dictionary<string, IReadOnlyList<Plans.AssignedIndicator>>(), "DISTRICT") { AtQuarterEnds = atQuarterEnds, Revisions = [First.Revision, July.Revision] };
        var spec = ResultPlanner.All(PublishedPlanSource.ToSnapshot(published)).Single();
        decimal?[] months = [30, 30, 40, 30, 30, 40, 30, 30, 40, 30, 30, 40];
        var input = new EvaluationInput(spec.Indicator.Definition, spec.YearTarget, spec.QuarterTargets, months, 4, EvaluationPolicy.Default);
        return Snapshots.From(spec, EvaluationRules.Evaluate(input, spec.QuarterPlans));
    }

    [Fact]
    public void Evaluate_RevisionFromJuly_FirstHalfJudgedAgainstTheFirstPlanAndTheSecondHalfAgainstTheRevision()
    {
        var status = Judged(July, First, First, July, July);

        Assert.Equal([Contracts.Evaluation.V1.Status.Achieved, Contracts.Evaluation.V1.Status.Achieved], status.Quarters.Take(2).Select(q => q.Status));
        Assert.Equal([1, 1, 2, 2], status.Quarters.Select(q => q.PlanRevision));
        Assert.Equal([(1, "12/QĐ-UBND", 400.0), (2, "345/QĐ-UBND", 600.0)], status.Plans.Select(p => (p.Revision, p.DecisionNumber, p.YearTarget)));
        Assert.Equal(Contracts.Evaluation.V1.Status.NotAchieved, status.Quarters[2].Status);
        Assert.Equal(200, status.Quarters[2].Requirement);
        var asOfQ2 = Snapshots.Slice(status, 2);
        Assert.Equal(400, asOfQ2.YearTarget);
        Assert.Equal([100, 100, 100, 100], asOfQ2.QuarterTargets);
        Assert.Equal(600, Snapshots.Slice(status, 3).YearTarget);
        Assert.Equal([1], asOfQ2.Plans.Select(p => p.Revision));
    }

    [Fact]
    public void Evaluate_RevisionThatAppliesFromTheStartOfTheYear_EveryQuarterJudgedAgainstIt()
    {
        // IndicatorPlans gives that revision as the plan in force at every quarter's end.
        var status = Judged(July, July, July, July, July);

        Assert.Equal([2, 2, 2, 2], status.Quarters.Select(q => q.PlanRevision));
        Assert.Equal(600, Snapshots.Slice(status, 1).YearTarget);
    }

    [Fact]
    public void Evaluate_OneRevision_TheSameAsJudgingAgainstTheOnePlan()
    {
        var status = Judged(First, First, First, First, First);
        var spec = ResultPlanner.All(PlanMapping.ToSnapshot(First, [Revenue], "DISTRICT")).Single();
        var plain = EvaluationRules.Evaluate(new EvaluationInput(spec.Indicator.Definition, 400, [100, 100, 100, 100],
            [30, 30, 40, 30, 30, 40, 30, 30, 40, 30, 30, 40], 4, EvaluationPolicy.Default));

        Assert.Equal(plain.Quarters.Select(q => Snapshots.ToProto(q.Status)), status.Quarters.Select(q => q.Status));
        Assert.All(status.Quarters, q => Assert.Equal(1, q.PlanRevision));
        Assert.Equal("12/QĐ-UBND", status.Plans.Single().DecisionNumber);
    }

    [Fact]
    public void Evaluate_BaselineRevisedFromJuly_FirstHalfMeasuredFromTheOldBaseline_AndEachQuarterSaysWhichItUsed()
    {
        var coverage = new Plans.Indicator
        {
            Code = "COVERAGE", MeasureKind = Plans.MeasureKind.Level, Direction = Plans.Direction.HigherIsBetter, Baseline = 80,
            ResponsibleOfficeCode = "YTE", Source = Plans.IndicatorSource.District, Block = Plans.SectorBlock.CultureSociety,
        };
        Plans.Plan Level(int revision, string decision, double baseline) => new()
        {
            Year = 2025,
            Revision = new Plans.PlanRevision { Year = 2025, Revision = revision, DecisionNumber = decision },
            Targets = { new Plans.Target { IndicatorCode = "COVERAGE", DistrictTarget = 90, Baseline = baseline, Revision = revision } },
        };
        var (first, july) = (Level(1, "12/QĐ-UBND", 80), Level(2, "345/QĐ-UBND", 70));
        var published = new PublishedPlan(july, new Dictionary<string, Plans.Indicator> { ["COVERAGE"] = coverage }, new Dictionary<string, Plans.Unit>(),
            new Dictionary<string, IReadOnlyList<Plans.AssignedIndicator>>(), "DISTRICT") { AtQuarterEnds = [first, first, july, july], Revisions = [first.Revision, july.Revision] };
        var spec = ResultPlanner.All(PublishedPlanSource.ToSnapshot(published)).Single();
        decimal?[] months = [82, 82, 82, 85, 85, 85, 88, 88, 88, 90, 90, 90];
        var status = Snapshots.From(spec, EvaluationRules.Evaluate(new EvaluationInput(spec.Indicator.Definition, spec.YearTarget, spec.QuarterTargets, months, 4,
            EvaluationPolicy.Default), spec.QuarterPlans));

        // (A − B)/(T − B): Q2 (85 − 80)/(90 − 80) with the baseline then in force, Q3 (88 − 70)/(90 − 70) with the revised one.
        Assert.Equal([80.0, 80, 70, 70], status.Quarters.Select(q => q.Baseline));
        Assert.Equal(0.5, status.Quarters[1].Progress, 9);
        Assert.Equal(0.9, status.Quarters[2].Progress, 9);
        Assert.Equal([1, 1, 2, 2], status.Quarters.Select(q => q.PlanRevision));
    }
}

using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using TuyPhuoc.Evaluation.Domain;
using static TuyPhuoc.Evaluation.Tests.Scenarios;

namespace TuyPhuoc.Evaluation.Tests;

public class PropertyTests
{
    /// <summary>A cumulative, higher-is-better plan with non-negative monthly amounts, some months not submitted.</summary>
    public sealed record Plan(decimal[] QuarterTargets, decimal?[] Months, bool SurplusOffsets)
    {
        public decimal YearTarget => QuarterTargets.Sum();

        public EvaluationResult Evaluate(decimal?[]? months = null) =>
            Cumulative(YearTarget, QuarterTargets, months ?? Months, policy: new() { SurplusOffsets = SurplusOffsets });

        public override string ToString() =>
            $"t=[{string.Join(", ", QuarterTargets)}] months=[{string.Join(", ", Months.Select(m => m?.ToString() ?? "-"))}] offsets={SurplusOffsets}";
    }

    static Gen<decimal> Amount(int max) => Gen.Choose(0, max * 100).Select(cents => cents / 100m);

    static Arbitrary<Plan> Plans(int missingWeight) => Arb.From(
        from targets in Gen.ArrayOf(Amount(300), 4)
        from months in Gen.ArrayOf(Gen.Frequency((missingWeight, Gen.Constant<decimal?>(null)), (4, Amount(150).Select(a => (decimal?)a))), 12)
        from offsets in Gen.Elements(true, false)
        select new Plan(targets, months, offsets));

    [Property(MaxTest = 500)]
    public Property Evaluate_SurplusOffsetsAllMonthsSubmitted_AchievedExactlyWhenYearToDateReachesPlan() =>
        Prop.ForAll(Plans(missingWeight: 0), plan =>
            (plan with { SurplusOffsets = true }).Evaluate().Quarters.All(q =>
                (q.Status == Status.Achieved) == (q.YearToDate >= q.CumulativePlan)));

    [Property(MaxTest = 500)]
    public Property Evaluate_SurplusOffsetsWithGaps_QuarterWithDataAchievedExactlyWhenYearToDateReachesPlan() =>
        Prop.ForAll(Plans(missingWeight: 2), plan =>
            (plan with { SurplusOffsets = true }).Evaluate().Quarters.All(q =>
                q.Status == Status.NoData ? q.Actual is null : (q.Status == Status.Achieved) == (q.YearToDate >= q.CumulativePlan)));

    [Property(MaxTest = 500)]
    public Property Evaluate_AnyPolicy_CarryNeverNegative() =>
        Prop.ForAll(Plans(missingWeight: 1), plan =>
            plan.Evaluate().Quarters.All(q => q.CarryIn >= 0 && q.CarryOut >= 0 && q.SurplusIn >= 0));

    [Property(MaxTest = 500)]
    public Property Evaluate_WithoutSurplusOffsets_CarryAtLeastCumulativeShortfall() =>
        Prop.ForAll(Plans(missingWeight: 1), plan =>
            (plan with { SurplusOffsets = false }).Evaluate().Quarters.All(q =>
                q.CarryOut >= Math.Max(0, q.CumulativePlan!.Value - q.YearToDate!.Value)));

    [Property(MaxTest = 300)]
    public Property Evaluate_NonNegativeFlow_ProgressNeverFallsAsMonthsAreAdded() =>
        Prop.ForAll(Plans(missingWeight: 1), plan =>
        {
            var progress = Enumerable.Range(0, 13)
                .Select(known => plan.Evaluate([.. plan.Months.Take(known), .. new decimal?[12 - known]]).Quarter(4).Progress!.Value)
                .ToList();
            var byQuarter = plan.Evaluate().Quarters.Select(q => q.Progress!.Value).ToList();
            return progress.Zip(progress.Skip(1)).All(p => p.First <= p.Second)
                && byQuarter.Zip(byQuarter.Skip(1)).All(p => p.First <= p.Second);
        });
}

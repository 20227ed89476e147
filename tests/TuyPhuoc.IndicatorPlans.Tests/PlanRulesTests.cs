using TuyPhuoc.IndicatorPlans.Domain;
using TuyPhuoc.ServiceDefaults;

namespace TuyPhuoc.IndicatorPlans.Tests;

public class PlanRulesTests
{
    private static readonly DateOnly Jan1 = new(2024, 1, 1);

    private static readonly Dictionary<string, OrgUnit> Units = new[]
    {
        new OrgUnit { Code = "DISTRICT", Name = "Huyện", Kind = UnitKind.District, ValidFrom = new(2020, 1, 1) },
        new OrgUnit { Code = "TCKH", Name = "Phòng TC-KH", Kind = UnitKind.Office, ParentCode = "DISTRICT", ValidFrom = new(2020, 1, 1) },
        new OrgUnit { Code = "PHUOC_THANG", Name = "Xã Phước Thắng", Kind = UnitKind.Commune, ParentCode = "DISTRICT", ValidFrom = new(2020, 1, 1) },
        new OrgUnit { Code = "PHUOC_HUNG", Name = "Xã Phước Hưng", Kind = UnitKind.Commune, ParentCode = "DISTRICT", ValidFrom = new(2020, 1, 1) },
    }.ToDictionary(u => u.Code);

    private static readonly Dictionary<string, Indicator> Catalog = new[]
    {
        Indicator("REVENUE", MeasureKind.Cumulative, allocated: true),
        Indicator("COVERAGE", MeasureKind.Level, min: 0, max: 100),
        Indicator("INSURED", MeasureKind.Level, allocated: true, min: 0, max: 100),
        Indicator("ACCIDENTS", MeasureKind.Cumulative, Direction.LowerIsBetter),
        Indicator("INCOME", MeasureKind.YearEnd),
    }.ToDictionary(i => i.Code);

    private static Indicator Indicator(string code, MeasureKind kind, Direction direction = Direction.HigherIsBetter,
        bool allocated = false, double? min = null, double? max = null) => new()
    {
        Code = code, Name = code, UnitOfMeasure = "u", Source = IndicatorSource.Province, Block = SectorBlock.Economy,
        ResponsibleOfficeCode = "TCKH", Direction = direction, MeasureKind = kind, CommuneAllocated = allocated, RangeMin = min, RangeMax = max,
    };

    private static TargetInput Target(string code, double year, double? province = null, double[]? quarters = null, double[]? months = null,
        params AllocationInput[] allocations) => new(code, year, province, quarters ?? [], months ?? [], allocations);

    private static (List<PlanTarget> Targets, List<PlanWarning> Warnings, Violations Violations) Validate(params TargetInput[] targets)
    {
        var violations = new Violations();
        var (validated, warnings) = PlanRules.Validate(2024, 1, targets, Catalog, Units, Jan1, violations);
        return (validated, warnings, violations);
    }

    [Fact]
    public void Validate_AnIndicatorRetiredFromTheYear_NamesItsTarget()
    {
        var catalog = new Dictionary<string, Indicator>(Catalog) { ["REVENUE"] = Indicator("REVENUE", MeasureKind.Cumulative) };
        catalog["REVENUE"].RetiredFromYear = 2024;
        var violations = new Violations();

        PlanRules.Validate(2024, 1, [Target("REVENUE", 120)], catalog, Units, Jan1, violations);

        Assert.Equal(("targets[0].indicator_code", "REVENUE is retired from 2024"), (violations.Items.Single().Field, violations.Items.Single().Description));
    }

    [Fact]
    public void Validate_CumulativeQuarters_PhasesMonthsThatSumToTheYear()
    {
        var (targets, warnings, violations) = Validate(Target("REVENUE", 120, quarters: [20, 30, 40, 30]));

        Assert.False(violations.Any);
        Assert.Empty(warnings);
        Assert.Equal(120, targets.Single().Months.Sum(), 9);
        Assert.Equal([20, 30, 40, 30], PlanRules.Quarters(MeasureKind.Cumulative, targets.Single().Months).Select(q => Math.Round(q, 9)));
    }

    [Fact]
    public void Validate_PhasingThatDoesNotAddUp_NamesTheField()
    {
        var (_, _, violations) = Validate(Target("REVENUE", 120, quarters: [20, 30, 40, 40]));

        var violation = Assert.Single(violations.Items);
        Assert.Equal("targets[0].quarters", violation.Field);
        Assert.Contains("130", violation.Description);
    }

    [Fact]
    public void Validate_QuartersThatDisagreeWithMonths_NamesTheQuarter()
    {
        double[] months = [10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10];
        var (_, _, violations) = Validate(Target("REVENUE", 120, quarters: [30, 30, 20, 40], months: months));

        Assert.Contains(violations.Items, v => v.Field == "targets[0].quarters[2]");
        Assert.Contains(violations.Items, v => v.Field == "targets[0].quarters[3]");
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(-5)]
    public void Validate_ValueThatIsNotAnAmount_IsRefused(double value)
    {
        var (_, _, violations) = Validate(Target("REVENUE", value));

        Assert.Contains(violations.Items, v => v.Field == "targets[0].district_target");
    }

    [Fact]
    public void Validate_LevelOutsideItsRange_IsRefused()
    {
        var (_, _, violations) = Validate(Target("COVERAGE", 104));

        Assert.Contains(violations.Items, v => v.Field == "targets[0].district_target" && v.Description.Contains("between 0 and 100"));
    }

    [Fact]
    public void Validate_LevelWithoutPhasing_StaysNotPhasedRatherThanAtTheYearTargetEveryMonth()
    {
        var (targets, _, violations) = Validate(Target("COVERAGE", 93.5));

        Assert.False(violations.Any);
        Assert.Empty(targets.Single().Months);
        Assert.Empty(PlanRules.Quarters(MeasureKind.Level, targets.Single().Months));
    }

    [Fact]
    public void Validate_LevelPhasedAtTheYearTarget_KeepsThatPhasing()
    {
        var (targets, _, violations) = Validate(Target("COVERAGE", 93.5, quarters: [93.5, 93.5, 93.5, 93.5]));

        Assert.False(violations.Any);
        Assert.Equal([93.5, 93.5, 93.5, 93.5], PlanRules.Quarters(MeasureKind.Level, targets.Single().Months));
    }

    [Fact]
    public void Validate_CumulativeAllocationWithoutPhasing_IsPhasedLikeTheDistrictTarget()
    {
        var (targets, _, violations) = Validate(Target("REVENUE", 100, quarters: [10, 20, 30, 40], allocations:
            [new AllocationInput("PHUOC_THANG", 40, []), new AllocationInput("PHUOC_HUNG", 60, [])]));

        Assert.False(violations.Any);
        var thang = targets.Single().Allocations.Single(a => a.UnitCode == "PHUOC_THANG");
        Assert.Equal([4, 8, 12, 16], PlanRules.Quarters(MeasureKind.Cumulative, thang.Months).Select(q => Math.Round(q, 9)));
    }

    [Fact]
    public void Validate_Baseline_BelongsToTheYearsTargetOfALevel()
    {
        var (targets, _, violations) = Validate(Target("COVERAGE", 93.5) with { Baseline = 91.2 });
        var (_, _, refused) = Validate(Target("REVENUE", 100) with { Baseline = 80 }, Target("COVERAGE", 93.5) with { Baseline = 140 });

        Assert.False(violations.Any);
        Assert.Equal(91.2, targets.Single().Baseline);
        Assert.Contains(refused.Items, v => v.Field == "targets[0].baseline" && v.Description.Contains("level"));
        Assert.Contains(refused.Items, v => v.Field == "targets[1].baseline" && v.Description.Contains("between 0 and 100"));
    }

    [Fact]
    public void Validate_Aggregation_DefaultsToTheSumOfACumulativeAndTheMeanOfALevel()
    {
        var (targets, _, violations) = Validate(
            Target("REVENUE", 100, allocations: [new AllocationInput("PHUOC_THANG", 100, [])]),
            Target("INSURED", 90, allocations: [new AllocationInput("PHUOC_THANG", 90, [])]),
            Target("COVERAGE", 93));

        Assert.False(violations.Any);
        Assert.Equal(Aggregation.Sum, targets.Single(t => t.IndicatorCode == "REVENUE").Aggregation);
        Assert.Equal(Aggregation.Mean, targets.Single(t => t.IndicatorCode == "INSURED").Aggregation);
        Assert.Equal(Aggregation.Unspecified, targets.Single(t => t.IndicatorCode == "COVERAGE").Aggregation);
    }

    [Fact]
    public void Validate_WeightedMean_NeedsAPositiveWeightForEveryAllocation()
    {
        var (targets, _, violations) = Validate(Target("INSURED", 90, allocations:
            [new AllocationInput("PHUOC_THANG", 90, [], Weight: 12_000), new AllocationInput("PHUOC_HUNG", 92, [], Weight: 8_000)]) with { Aggregation = Aggregation.WeightedMean });
        var (_, _, refused) = Validate(Target("INSURED", 90, allocations:
            [new AllocationInput("PHUOC_THANG", 90, []), new AllocationInput("PHUOC_HUNG", 92, [], Weight: -1)]) with { Aggregation = Aggregation.WeightedMean });

        Assert.False(violations.Any);
        Assert.Equal([12_000, 8_000], targets.Single().Allocations.Select(a => a.Weight!.Value));
        Assert.Contains(refused.Items, v => v.Field == "targets[0].allocations[0].weight");
        Assert.Contains(refused.Items, v => v.Field == "targets[0].allocations[1].weight");
    }

    [Theory]
    [InlineData("REVENUE", Aggregation.Mean)]
    [InlineData("REVENUE", Aggregation.WeightedMean)]
    [InlineData("INSURED", Aggregation.Sum)]
    [InlineData("COVERAGE", Aggregation.Mean)]
    public void Validate_AggregationThatDoesNotFitTheIndicator_IsRefused(string code, Aggregation aggregation)
    {
        var allocations = Catalog[code].CommuneAllocated ? [new AllocationInput("PHUOC_THANG", 90, [], aggregation == Aggregation.WeightedMean ? 1 : null)] : Array.Empty<AllocationInput>();
        var (_, _, violations) = Validate(Target(code, 90, allocations: allocations) with { Aggregation = aggregation });

        Assert.Contains(violations.Items, v => v.Field == "targets[0].aggregation");
    }

    [Fact]
    public void Assignments_ResponsibleOfficesFigure_IsAssignedToTheOfficeBesideTheCommunes()
    {
        var (targets, _, violations) = Validate(Target("INSURED", 90, allocations: [new AllocationInput("PHUOC_THANG", 90, [])]) with { Aggregation = Aggregation.ResponsibleOffice });
        var (means, _, _) = Validate(Target("INSURED", 90, allocations: [new AllocationInput("PHUOC_THANG", 90, [])]));

        Assert.False(violations.Any);
        var assigned = CatalogRules.Assignments(targets, Catalog);
        Assert.True(Assert.Single(assigned["TCKH"]).DistrictFigure);
        Assert.False(Assert.Single(assigned["PHUOC_THANG"]).DistrictFigure);
        Assert.False(CatalogRules.Assignments(means, Catalog).ContainsKey("TCKH"));
    }

    [Fact]
    public void Validate_YearEndIndicatorWithPhasing_IsRefused()
    {
        var (_, _, violations) = Validate(Target("INCOME", 70, quarters: [10, 20, 20, 20]));

        Assert.Contains(violations.Items, v => v.Field == "targets[0].months");
    }

    [Fact]
    public void Validate_UnknownIndicatorAndDuplicates_AreNamed()
    {
        var (_, _, violations) = Validate(Target("NOPE", 1), Target("COVERAGE", 90), Target("COVERAGE", 91));

        Assert.Contains(violations.Items, v => v.Field == "targets[0].indicator_code");
        Assert.Contains(violations.Items, v => v.Field == "targets" && v.Description.Contains("COVERAGE"));
    }

    [Fact]
    public void Validate_DistrictBelowProvinceOnHigherIsBetter_IsAWarningNotAnError()
    {
        var (targets, warnings, violations) = Validate(Target("COVERAGE", 90, province: 92));

        Assert.False(violations.Any);
        Assert.Single(targets);
        Assert.Equal("district_below_province", Assert.Single(warnings).Code);
    }

    [Fact]
    public void Validate_DistrictAboveProvinceOnLowerIsBetter_IsAWarning()
    {
        var (_, warnings, _) = Validate(Target("ACCIDENTS", 12, province: 10));
        var (_, none, _) = Validate(Target("ACCIDENTS", 8, province: 10));

        Assert.Equal("district_below_province", Assert.Single(warnings).Code);
        Assert.Empty(none);
    }

    [Fact]
    public void Validate_AllocationsThatDoNotSumToTheDistrict_AreAWarning()
    {
        var (targets, warnings, violations) = Validate(Target("REVENUE", 100, allocations:
            [new AllocationInput("PHUOC_THANG", 40, []), new AllocationInput("PHUOC_HUNG", 50, [])]));

        Assert.False(violations.Any);
        Assert.Equal(2, targets.Single().Allocations.Count);
        Assert.Equal("allocations_differ", Assert.Single(warnings).Code);
    }

    [Fact]
    public void Validate_AllocationToAnOfficeOrUnknownUnit_IsRefused()
    {
        var (_, _, violations) = Validate(Target("REVENUE", 100, allocations:
            [new AllocationInput("TCKH", 50, []), new AllocationInput("ATLANTIS", 50, [])]));

        Assert.Contains(violations.Items, v => v.Field == "targets[0].allocations[0].unit_code");
        Assert.Contains(violations.Items, v => v.Field == "targets[0].allocations[1].unit_code");
    }

    [Fact]
    public void Validate_AllocationOfAnIndicatorNotAllocatedToCommunes_IsRefused()
    {
        var (_, _, violations) = Validate(Target("COVERAGE", 90, allocations: [new AllocationInput("PHUOC_THANG", 90, [])]));

        Assert.Contains(violations.Items, v => v.Field == "targets[0].allocations");
    }

    [Fact]
    public void InForce_ReadsThePlanAsItStoodOnAnyDate()
    {
        var first = Revision(1, new(2024, 1, 1), ("REVENUE", 100), ("COVERAGE", 90));
        var second = Revision(2, new(2024, 7, 1), ("REVENUE", 120));

        var inMay = PlanRules.InForce([first, second], new(2024, 5, 31));
        var inJuly = PlanRules.InForce([first, second], new(2024, 7, 1));

        Assert.Equal(100, inMay.Single(t => t.IndicatorCode == "REVENUE").DistrictTarget);
        Assert.Equal(120, inJuly.Single(t => t.IndicatorCode == "REVENUE").DistrictTarget);
        Assert.Equal(2, inJuly.Single(t => t.IndicatorCode == "REVENUE").Revision);
        Assert.Equal(90, inJuly.Single(t => t.IndicatorCode == "COVERAGE").DistrictTarget);
        Assert.Empty(PlanRules.InForce([first, second], new(2023, 12, 31)));
    }

    [Fact]
    public void ReadOn_NextYearsPlanAdoptedInDecember_IsReadAsItTakesEffect()
    {
        var adopted = Revision(1, new(2025, 1, 1), ("REVENUE", 100));
        var july = Revision(2, new(2025, 7, 1), ("REVENUE", 120));
        var december = new DateOnly(2024, 12, 6);

        var day = PlanRules.ReadOn(2025, december, [adopted, july]);

        Assert.Equal(new DateOnly(2025, 1, 1), day);
        Assert.Equal(100, PlanRules.InForce([adopted, july], day).Single().DistrictTarget);
        Assert.Equal(december, PlanRules.ReadOn(2024, december, [adopted]));
        Assert.Equal(new DateOnly(2025, 3, 4), PlanRules.ReadOn(2025, new(2025, 3, 4), [adopted, july]));
    }

    [Fact]
    public void InForce_ARevisionThatAppliesFromTheStartOfTheYear_OverridesEarlierQuartersButNotLaterRevisions()
    {
        var first = Revision(1, new(2024, 1, 1), ("REVENUE", 100), ("COVERAGE", 90));
        var july = Revision(2, new(2024, 7, 1), ("REVENUE", 120));
        var september = Revision(3, new(2024, 9, 1), ("COVERAGE", 95), ("REVENUE", 130));
        september.AppliesFromStartOfYear = true;
        var later = Revision(4, new(2024, 10, 1), ("REVENUE", 140));

        var endOfQ1 = PlanRules.InForce([first, july, september, later], new(2024, 3, 31));
        var endOfQ4 = PlanRules.InForce([first, july, september, later], new(2024, 12, 31));

        Assert.Equal(95, endOfQ1.Single(t => t.IndicatorCode == "COVERAGE").DistrictTarget);
        Assert.Equal(130, endOfQ1.Single(t => t.IndicatorCode == "REVENUE").DistrictTarget);
        Assert.Equal(140, endOfQ4.Single(t => t.IndicatorCode == "REVENUE").DistrictTarget);
        Assert.Equal([1, 3], PlanRules.RevisionsInForce([first, july, september, later], new(2024, 3, 31)).Select(r => r.Number));
        Assert.Empty(PlanRules.InForce([first, july, september, later], new(2023, 12, 31)));
    }

    private static PlanRevision Revision(int number, DateOnly from, params (string Code, double Target)[] targets) => new()
    {
        Year = 2024, Number = number, DecisionNumber = $"{number}/QĐ", DecisionDate = from.AddDays(-3), EffectiveFrom = from,
        Targets = targets.Select(t => new PlanTarget { Year = 2024, Revision = number, IndicatorCode = t.Code, DistrictTarget = t.Target }).ToList(),
    };
}

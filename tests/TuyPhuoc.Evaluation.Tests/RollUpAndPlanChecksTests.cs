using TuyPhuoc.Evaluation.Domain;
using static TuyPhuoc.Evaluation.Tests.Scenarios;

namespace TuyPhuoc.Evaluation.Tests;

public class RollUpAndPlanChecksTests
{
    [Fact]
    public void DistrictMonthlyActuals_SeveralUnits_SumsMonthsAnyUnitSubmitted()
    {
        var district = RollUp.DistrictMonthlyActuals([Months(10, null, 3), Months(5, null, null, 2), Months(1.5m)]);

        Assert.Equal([16.5m, null, 3m, 2m, null, null, null, null, null, null, null, null], district);
    }

    [Fact]
    public void DistrictMonthlyActuals_NoUnits_NothingSubmitted() =>
        Assert.All(RollUp.DistrictMonthlyActuals([]), m => Assert.Null(m));

    [Fact]
    public void DistrictMonthlyActuals_RolledUpFigure_EvaluatesAsOneCumulativeIndicator()
    {
        var district = RollUp.DistrictMonthlyActuals([Months(null, null, 10), Months(null, null, 12)]);

        var q1 = Cumulative(100, [20, 30, 25, 25], [.. district], asOf: 1).Quarter(1);

        Assert.Equal((22m, Status.Achieved), (q1.Actual!.Value, q1.Status));
    }

    [Fact]
    public void DistrictMonthlyActuals_UnitWithoutTwelveMonths_Throws() =>
        Assert.Throws<ArgumentException>(() => RollUp.DistrictMonthlyActuals([new decimal?[11]]));

    [Theory]
    [InlineData(Direction.HigherIsBetter, 90, 100, PlanWarningKind.DistrictBelowProvince)]
    [InlineData(Direction.LowerIsBetter, 12, 10, PlanWarningKind.DistrictAboveProvince)]
    public void DistrictVersusProvince_DistrictLessAmbitious_Warns(Direction direction, int district, int province, PlanWarningKind kind) =>
        Assert.Equal(new PlanWarning(kind, province, district), PlanChecks.DistrictVersusProvince(direction, district, province));

    [Theory]
    [InlineData(Direction.HigherIsBetter, 110, 100)]
    [InlineData(Direction.HigherIsBetter, 100, 100)]
    [InlineData(Direction.LowerIsBetter, 8, 10)]
    [InlineData(Direction.LowerIsBetter, 10, 10)]
    public void DistrictVersusProvince_DistrictAsOrMoreAmbitious_NoWarning(Direction direction, int district, int province) =>
        Assert.Null(PlanChecks.DistrictVersusProvince(direction, district, province));

    [Fact]
    public void AllocationsVersusDistrict_WithinTolerance_NoWarning() =>
        Assert.Null(PlanChecks.AllocationsVersusDistrict(1000, [333.4m, 333.3m, 333.4m]));

    [Fact]
    public void AllocationsVersusDistrict_BeyondTolerance_WarnsWithBothFigures() =>
        Assert.Equal(new PlanWarning(PlanWarningKind.AllocationsDifferFromDistrict, 1000, 998), PlanChecks.AllocationsVersusDistrict(1000, [500, 498]));

    [Fact]
    public void PhasingVersusYear_QuartersShortOfYear_Warns() =>
        Assert.Equal(new PlanWarning(PlanWarningKind.PhasingDiffersFromYear, 100, 95), PlanChecks.PhasingVersusYear(100, [20, 30, 25, 20]));

    [Fact]
    public void Check_ProvinceAndAllocationsBothOff_ReturnsBothWarnings()
    {
        var warnings = PlanChecks.Check(Direction.HigherIsBetter, 100, provinceTarget: 120, allocations: [60, 60]);

        Assert.Equal([PlanWarningKind.DistrictBelowProvince, PlanWarningKind.AllocationsDifferFromDistrict], warnings.Select(w => w.Kind));
    }

    [Fact]
    public void Check_ConsistentPlan_ReturnsNoWarning() =>
        Assert.Empty(PlanChecks.Check(Direction.HigherIsBetter, 120, provinceTarget: 100, allocations: [60, 60]));
}

public class DistrictTotalsTests
{
    [Fact]
    public void Apply_NewCellsAndCorrections_SumMovesByTheDifferenceAndOnlyNewCellsCount()
    {
        var totals = MonthlyTotals.Of([[new MonthlyActual(10, 1), null, .. new MonthlyActual?[10]], [new MonthlyActual(5, 2), .. new MonthlyActual?[11]]]);

        totals.Apply([(1, 12m, new MonthlyActual(10, 1)), (2, 7m, null), (1, 1m, null)]);

        Assert.Equal((18m, 3), (totals.Sum[0], totals.Count[0]));
        Assert.Equal((7m, 1), (totals.Sum[1], totals.Count[1]));
        Assert.All(totals.Sum.Skip(2), s => Assert.Equal(0m, s));
    }

    [Fact]
    public void Apply_AfterTheCellsAreRead_SameAsTotalsReadFromTheNewCells()
    {
        MonthlyActual?[] a = [new(3, 1), new(4, 2), .. new MonthlyActual?[10]];
        MonthlyActual?[] b = [null, new(6, 3), .. new MonthlyActual?[10]];
        var kept = MonthlyTotals.Of([a, b]);

        kept.Apply([(1, 9m, b[0]), (2, 1m, a[1])]);
        (b[0], a[1]) = (new(9, 4), new(1, 5));
        var read = MonthlyTotals.Of([a, b]);

        Assert.Equal(read.Sum, kept.Sum);
        Assert.Equal(read.Count, kept.Count);
    }
}

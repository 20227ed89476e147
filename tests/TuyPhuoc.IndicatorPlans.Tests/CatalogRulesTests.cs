using TuyPhuoc.IndicatorPlans.Domain;
using TuyPhuoc.ServiceDefaults;

namespace TuyPhuoc.IndicatorPlans.Tests;

public class CatalogRulesTests
{
    private static Dictionary<string, OrgUnit> Units() => new[]
    {
        new OrgUnit { Code = "DISTRICT", Name = "Huyện", Kind = UnitKind.District, ValidFrom = new(2020, 1, 1) },
        new OrgUnit { Code = "TCKH", Name = "Phòng TC-KH", Kind = UnitKind.Office, ParentCode = "DISTRICT", ValidFrom = new(2020, 1, 1) },
        new OrgUnit { Code = "PHUOC_THANG", Name = "Xã Phước Thắng", Kind = UnitKind.Commune, ParentCode = "DISTRICT", ValidFrom = new(2020, 1, 1) },
        new OrgUnit { Code = "PHUOC_HUNG", Name = "Xã Phước Hưng", Kind = UnitKind.Commune, ParentCode = "DISTRICT", ValidFrom = new(2020, 1, 1) },
    }.ToDictionary(u => u.Code);

    [Fact]
    public void Close_MergedUnit_DisappearsFromTheTreeFromThatDateButNotBefore()
    {
        var units = Units();
        CatalogRules.Close(units["PHUOC_HUNG"], new(2025, 7, 1), "PHUOC_THANG", units);

        var before = CatalogRules.Tree(units.Values, new(2025, 6, 30))!;
        var after = CatalogRules.Tree(units.Values, new(2025, 7, 1))!;

        Assert.Contains(before.Children, n => n.Unit.Code == "PHUOC_HUNG");
        Assert.DoesNotContain(after.Children, n => n.Unit.Code == "PHUOC_HUNG");
        Assert.Equal("PHUOC_THANG", units["PHUOC_HUNG"].MergedIntoCode);
        Assert.Equal(2, after.Children.Count);
    }

    [Fact]
    public void Close_IntoItselfOrIntoAClosedUnit_IsRefused()
    {
        var units = Units();
        var self = Assert.Throws<InvalidInputException>(() => CatalogRules.Close(units["PHUOC_HUNG"], new(2025, 7, 1), "PHUOC_HUNG", units));
        Assert.Equal("merged_into_code", Assert.Single(self.Violations).Field);

        CatalogRules.Close(units["PHUOC_THANG"], new(2025, 1, 1), null, units);
        var closed = Assert.Throws<InvalidInputException>(() => CatalogRules.Close(units["PHUOC_HUNG"], new(2025, 7, 1), "PHUOC_THANG", units));
        Assert.Equal("merged_into_code", Assert.Single(closed.Violations).Field);
    }

    [Fact]
    public void Close_AlreadyClosedUnit_IsAFailedPrecondition()
    {
        var units = Units();
        CatalogRules.Close(units["PHUOC_HUNG"], new(2025, 7, 1), null, units);

        Assert.Throws<FailedPreconditionException>(() => CatalogRules.Close(units["PHUOC_HUNG"], new(2025, 8, 1), null, units));
    }

    [Fact]
    public void Close_BeforeTheUnitStarted_IsRefused()
    {
        var units = Units();
        var e = Assert.Throws<InvalidInputException>(() => CatalogRules.Close(units["PHUOC_HUNG"], new(2019, 1, 1), null, units));
        Assert.Equal("closed_from", Assert.Single(e.Violations).Field);
    }

    [Fact]
    public void ValidateNewUnit_EmptyNameBadCodeAndDatesInTheWrongOrder_AreAllNamed()
    {
        var unit = new OrgUnit { Code = "bad code", Name = " ", Kind = UnitKind.Commune, ParentCode = "DISTRICT", ValidFrom = new(2024, 1, 1), ValidTo = new(2023, 1, 1) };

        var e = Assert.Throws<InvalidInputException>(() => CatalogRules.ValidateNewUnit(unit, Units(), new Violations()));

        Assert.Equal(["unit.code", "unit.name", "unit.valid_to"], e.Violations.Select(v => v.Field).Order());
    }

    [Fact]
    public void ValidateNewUnit_ExistingCode_IsAlreadyExists()
    {
        var unit = new OrgUnit { Code = "PHUOC_HUNG", Name = "Xã Phước Hưng", Kind = UnitKind.Commune, ParentCode = "DISTRICT", ValidFrom = new(2024, 1, 1) };

        Assert.Throws<AlreadyExistsException>(() => CatalogRules.ValidateNewUnit(unit, Units(), new Violations()));
    }

    [Fact]
    public void ExistsOn_ValidToIsTheFirstDayWithoutTheUnit()
    {
        var unit = new OrgUnit { Code = "X", Name = "X", Kind = UnitKind.Commune, ValidFrom = new(2020, 1, 1), ValidTo = new(2025, 7, 1) };

        Assert.False(unit.ExistsOn(new(2019, 12, 31)));
        Assert.True(unit.ExistsOn(new(2020, 1, 1)));
        Assert.True(unit.ExistsOn(new(2025, 6, 30)));
        Assert.False(unit.ExistsOn(new(2025, 7, 1)));
    }

    [Fact]
    public void Assignments_CommuneGetsItsAllocationsAndOfficeTheDistrictFigures()
    {
        Indicator Make(string code, bool allocated) => new()
        {
            Code = code, Name = code, UnitOfMeasure = "u", ResponsibleOfficeCode = "TCKH", MeasureKind = MeasureKind.Cumulative,
            Direction = Direction.HigherIsBetter, CommuneAllocated = allocated, Source = IndicatorSource.District, Block = SectorBlock.Economy,
        };
        var catalog = new[] { Make("REVENUE", true), Make("ENTERPRISES", false) }.ToDictionary(i => i.Code);
        double[] twelve = [.. Enumerable.Repeat(1.0, 12)];
        var targets = new[]
        {
            new PlanTarget { IndicatorCode = "REVENUE", DistrictTarget = 24, Months = [.. twelve.Select(m => m * 2)],
                Allocations = [new Allocation { UnitCode = "PHUOC_THANG", YearTarget = 12, Months = twelve }] },
            new PlanTarget { IndicatorCode = "ENTERPRISES", DistrictTarget = 12, Months = twelve },
        };

        var commune = CatalogRules.Assignments("PHUOC_THANG", targets, catalog);
        var office = CatalogRules.Assignments("TCKH", targets, catalog);

        var allocation = Assert.Single(commune);
        Assert.Equal(("REVENUE", 12.0, false), (allocation.Indicator.Code, allocation.YearTarget, allocation.DistrictFigure));
        Assert.Equal([3, 3, 3, 3], allocation.Quarters);
        var figure = Assert.Single(office);
        Assert.Equal(("ENTERPRISES", true), (figure.Indicator.Code, figure.DistrictFigure));
    }

    [Fact]
    public void Assignments_SeededPlanForEveryUnit_EachIndicatorReportedByItsOfficeOrItsAllocatedUnits()
    {
        var catalog = DemoPlan2024.Indicators.ToDictionary(i => i.Code);
        var targets = DemoPlan2024.Revision.Targets;

        var all = CatalogRules.Assignments(targets, catalog);

        foreach (var target in targets)
        {
            var indicator = catalog[target.IndicatorCode];
            var holders = all.Where(u => u.Value.Any(a => a.Indicator.Code == target.IndicatorCode)).Select(u => u.Key).Order().ToList();
            Assert.Equal(indicator.CommuneAllocated ? [.. target.Allocations.Select(a => a.UnitCode).Distinct().Order()] : [indicator.ResponsibleOfficeCode], holders);
        }
        Assert.All(DemoPlan2024.Units, u => Assert.Equal(all.GetValueOrDefault(u.Code)?.Count ?? 0, CatalogRules.Assignments(u.Code, targets, catalog).Count));
    }

    [Fact]
    public void ValidateNewIndicator_ResponsibleUnitMustBeAnOffice()
    {
        var indicator = new Indicator
        {
            Code = "NEW_ONE", Name = "Tên", UnitOfMeasure = "%", ResponsibleOfficeCode = "PHUOC_THANG", MeasureKind = MeasureKind.Level,
            Direction = Direction.HigherIsBetter, Source = IndicatorSource.District, Block = SectorBlock.Economy, RangeMin = 100, RangeMax = 0,
        };

        var e = Assert.Throws<InvalidInputException>(() => CatalogRules.ValidateNewIndicator(indicator, Units(), false, new Violations()));

        Assert.Equal(["indicator.range", "indicator.responsible_office_code"], e.Violations.Select(v => v.Field).Order());
    }

    private static Indicator Growth() => new()
    {
        Code = "GRO", Name = "Tốc độ tăng", UnitOfMeasure = "%", ResponsibleOfficeCode = "TCKH", MeasureKind = MeasureKind.Growth,
        Direction = Direction.HigherIsBetter, Source = IndicatorSource.District, Block = SectorBlock.Economy, RangeMin = -100, RangeMax = 100,
    };

    [Fact]
    public void Update_NameUnitAndRange_TakenWhatDecidesTheJudgementRefused()
    {
        var indicator = Growth();
        var edited = Growth();
        (edited.Name, edited.UnitOfMeasure, edited.RangeMin, edited.RangeMax) = ("Tốc độ tăng trưởng", "% năm", -50, 50);

        CatalogRules.Update(indicator, edited, Units());

        Assert.Equal(("Tốc độ tăng trưởng", "% năm", -50.0, 50.0), (indicator.Name, indicator.UnitOfMeasure, indicator.RangeMin, indicator.RangeMax));
        var changed = Growth();
        (changed.MeasureKind, changed.Direction, changed.ResponsibleOfficeCode) = (MeasureKind.Level, Direction.LowerIsBetter, "PHUOC_THANG");
        var e = Assert.Throws<InvalidInputException>(() => CatalogRules.Update(indicator, changed, Units()));
        Assert.Equal(["indicator.direction", "indicator.measure_kind", "indicator.responsible_office_code"], e.Violations.Select(v => v.Field).Order());
        Assert.Equal("Tốc độ tăng trưởng", indicator.Name);
    }

    [Fact]
    public void Retire_WhileAPlanOfThatYearOrLaterCarriesIt_FailedPreconditionElseRetired()
    {
        var indicator = Growth();
        var today = new DateOnly(2026, 12, 7);

        Assert.Throws<FailedPreconditionException>(() => CatalogRules.Retire(indicator, 2025, [2024, 2025], today));
        Assert.Throws<InvalidInputException>(() => CatalogRules.Retire(indicator, 2028, [2024], today));
        CatalogRules.Retire(indicator, 2025, [2024], today);

        Assert.Equal(2025, indicator.RetiredFromYear);
    }

    [Fact]
    public void Rename_AClosedUnit_FailedPreconditionAnOpenOneRenamed()
    {
        var units = Units();
        CatalogRules.Rename(units["PHUOC_THANG"], " Xã Phước Thắng mới ", new(2025, 7, 1));
        CatalogRules.Close(units["PHUOC_HUNG"], new(2025, 7, 1), "PHUOC_THANG", units);

        Assert.Equal("Xã Phước Thắng mới", units["PHUOC_THANG"].Name);
        Assert.Throws<FailedPreconditionException>(() => CatalogRules.Rename(units["PHUOC_HUNG"], "Tên khác", new(2025, 7, 2)));
        Assert.Equal("name", Assert.Single(Assert.Throws<InvalidInputException>(() => CatalogRules.Rename(units["PHUOC_THANG"], " ", new(2025, 7, 2))).Violations).Field);
    }
}

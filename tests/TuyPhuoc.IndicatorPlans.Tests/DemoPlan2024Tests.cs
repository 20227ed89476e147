using TuyPhuoc.IndicatorPlans.Domain;
using TuyPhuoc.ServiceDefaults;

namespace TuyPhuoc.IndicatorPlans.Tests;

public class DemoPlan2024Tests
{
    [Fact]
    public void Check_SeededPlan_HasNoProblems() => Assert.Empty(DemoPlan2024.Check());

    [Fact]
    public void Validate_SeededTargets_PassThePlanRulesWithoutWarnings()
    {
        var catalog = DemoPlan2024.Indicators.ToDictionary(i => i.Code);
        var units = DemoPlan2024.Units.ToDictionary(u => u.Code);
        var inputs = DemoPlan2024.Revision.Targets.Select(t => new TargetInput(t.IndicatorCode, t.DistrictTarget, t.ProvinceTarget, [], t.Months,
            t.Allocations.Select(a => new AllocationInput(a.UnitCode, a.YearTarget, a.Months)).ToList())).ToList();
        var violations = new Violations();

        var (targets, warnings) = PlanRules.Validate(2024, 1, inputs, catalog, units, new DateOnly(2024, 1, 1), violations);

        Assert.Empty(violations.Items);
        Assert.Empty(warnings);
        Assert.Equal(34, targets.Count);
        Assert.Equal(4, targets.Count(t => t.ProvinceTarget is { } p && PlanRules.LessAmbitious(catalog[t.IndicatorCode].Direction, p, t.DistrictTarget)));
    }

    [Fact]
    public void Mergers2025_CommunesMergedIntoTheNewOnes_ExistUntilJune2025Only()
    {
        var units = DemoPlan2024.Units.Concat(DemoPlan2024.UnitsFrom2025).ToDictionary(u => u.Code);
        var communeMergers = DemoPlan2024.Mergers2025.Where(m => m.MergedIntoCode is not null).ToList();
        foreach (var merger in communeMergers)
        {
            CatalogRules.Close(units[merger.UnitCode], merger.ClosedFrom, merger.MergedIntoCode, units);
        }

        Assert.All(communeMergers, m =>
        {
            Assert.True(units[m.UnitCode].ExistsOn(new DateOnly(2025, 6, 30)));
            Assert.False(units[m.UnitCode].ExistsOn(new DateOnly(2025, 7, 1)));
            Assert.True(units[m.MergedIntoCode!].ExistsOn(new DateOnly(2025, 7, 1)));
        });
        // The district still has its offices, so it cannot simply be closed without saying where they go.
        Assert.Throws<FailedPreconditionException>(() => CatalogRules.Close(units["TUY_PHUOC"], new DateOnly(2025, 7, 1), null, units));
    }
}

using TuyPhuoc.Submissions.Plans;
using Seed = TuyPhuoc.IndicatorPlans.Domain;
using Proto = TuyPhuoc.Contracts.Plans.V1;

namespace TuyPhuoc.Submissions.Tests;

/// <summary>Submissions reads what each unit reports from the whole plan; IndicatorPlans answers it per unit. They must agree.</summary>
public sealed class PlanAssignmentsTests
{
    [Fact]
    public void Assignments_SeededPlan_SameAsIndicatorPlansGivesEveryUnit()
    {
        var catalog = Seed.DemoPlan2024.Indicators.ToDictionary(i => i.Code);
        var targets = Seed.DemoPlan2024.Revision.Targets;
        var protoCatalog = catalog.Values.ToDictionary(i => i.Code, i => new Proto.Indicator
        {
            Code = i.Code, CommuneAllocated = i.CommuneAllocated, ResponsibleOfficeCode = i.ResponsibleOfficeCode,
        });
        var protoTargets = targets.Select(t => new Proto.Target
        {
            IndicatorCode = t.IndicatorCode, Allocations = { t.Allocations.Select(a => new Proto.Allocation { UnitCode = a.UnitCode }) },
        });

        var assigned = PlanCache.Assignments(protoTargets, protoCatalog);

        foreach (var unit in Seed.DemoPlan2024.Units)
        {
            var expected = Seed.CatalogRules.Assignments(unit.Code, targets, catalog).Select(a => a.Indicator.Code).Order().ToList();
            Assert.Equal(expected, assigned.TryGetValue(unit.Code, out var codes) ? codes.Order().ToList() : []);
        }
        Assert.Equal(34, assigned.Values.SelectMany(c => c).Distinct().Count());
    }
}

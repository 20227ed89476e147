using TuyPhuoc.Harness;
using Seed = TuyPhuoc.IndicatorPlans.Domain;
using Proto = TuyPhuoc.Contracts.Plans.V1;

namespace TuyPhuoc.Submissions.Tests;

/// <summary>
/// The demo data against the seeded 2024 plan, judged with the rules of docs/rules.md (Evaluation) as
/// services/Evaluation/Domain/EvaluationRules.cs applies them: the half-year picture of the source case.
/// </summary>
public sealed class DemoActualsTests
{
    private static readonly IReadOnlyDictionary<string, Seed.Indicator> Catalog = Seed.DemoPlan2024.Indicators.ToDictionary(i => i.Code);
    private static readonly IReadOnlyDictionary<string, Seed.PlanTarget> Targets = Seed.DemoPlan2024.Revision.Targets.ToDictionary(t => t.IndicatorCode);
    private static readonly DemoData Demo = DemoActuals.Plan(Assignments());

    [Fact]
    public void Plan_ProvinceIndicators_12AtHalfTheYearPlanByJuneAnd5Below()
    {
        var province = Catalog.Values.Where(i => i.Source == Seed.IndicatorSource.Province).ToList();

        var below = province.Where(i => Q2Progress(i) < 0.5).Select(i => i.Code).Order().ToList();

        Assert.Equal(17, province.Count);
        Assert.Equal(["CT04", "CT05", "CT06", "CT13", "CT15"], below);
    }

    [Fact]
    public void Plan_DistrictIndicators_10AchievedAtQ2And7JudgedAtYearEnd()
    {
        var district = Catalog.Values.Where(i => i.Source == Seed.IndicatorSource.District).ToList();
        var yearEnd = district.Where(i => i.MeasureKind == MeasureKind.YearEnd).ToList();
        var quarterly = district.Except(yearEnd).ToList();

        Assert.Equal(7, yearEnd.Count);
        Assert.All(yearEnd, i => Assert.DoesNotContain(Demo.Actuals, a => a.IndicatorCode == i.Code));
        Assert.Equal(10, quarterly.Count);
        Assert.All(quarterly, i => Assert.True(AchievedAtQ2(i), $"{i.Code} is not achieved at Q2"));
    }

    [Fact]
    public void Plan_CommuneAllocatedAmounts_EveryCommuneOnItsOwnPhasedPath()
    {
        // CT02 is met by every commune, CT04 missed by every one: the district sum is no accident of a few units.
        foreach (var (code, met) in new[] { ("CT02", true), ("CT04", false) })
        {
            foreach (var allocation in Targets[code].Allocations)
            {
                var sum = Demo.Actuals.Where(a => a.IndicatorCode == code && a.UnitCode == allocation.UnitCode).Sum(a => a.Value);
                Assert.Equal(met, sum >= allocation.Months.Take(6).Sum());
            }
        }
    }

    [Fact]
    public void Plan_Reports_EveryReportingUnitEveryMonthAFewLateAndThreeAwaitingApproval()
    {
        Assert.Equal(6 * Demo.Reports.Select(r => r.UnitCode).Distinct().Count(), Demo.Reports.Count);
        var late = Demo.Reports.Where(r => r.ReceivedOn > new DateOnly(2024, r.Month, 1).AddMonths(1).AddDays(9)).ToList();
        Assert.Equal(5, late.Count);
        Assert.Equal(3, Demo.Reports.Count(r => !r.Approved));
        Assert.Single(Demo.Reports, r => r.ReturnedWith is not null);
        Assert.DoesNotContain(Demo.Reports, r => r.UnitCode is "VH_TT" or "TU_PHAP"); // only year-end indicators
    }

    [Fact]
    public void Plan_SameAssignments_SameActuals() =>
        Assert.Equal(Demo.Actuals, DemoActuals.Plan(Assignments()).Actuals);

    /// <summary>The district's monthly figures: the communes' sum (amounts) or mean (levels) for allocated indicators, else the office's.</summary>
    private static double?[] DistrictMonths(Seed.Indicator indicator)
    {
        var months = new double?[12];
        for (var m = 1; m <= 6; m++)
        {
            var values = Demo.Actuals.Where(a => a.IndicatorCode == indicator.Code && a.Month == m).Select(a => a.Value).ToList();
            if (values.Count == 0) continue;
            months[m - 1] = indicator.CommuneAllocated && indicator.MeasureKind == MeasureKind.Level ? values.Average() : values.Sum();
        }
        return months;
    }

    private static double Q2Progress(Seed.Indicator i)
    {
        var months = DistrictMonths(i);
        var target = Targets[i.Code].DistrictTarget;
        var lower = i.Direction == Seed.Direction.LowerIsBetter;
        if (i.MeasureKind == MeasureKind.Cumulative)
        {
            var toDate = months.Take(6).Sum(v => v ?? 0);
            return lower ? Math.Clamp(2 - toDate / target, 0, 1.2) : toDate / target;
        }
        var latest = months.Take(6).Last(v => v is not null)!.Value;
        if (i.MeasureKind == MeasureKind.Level && i.Baseline is { } b) return lower ? (b - latest) / (b - target) : (latest - b) / (target - b);
        return lower ? Math.Clamp(2 - latest / target, 0, 1.2) : latest / target;
    }

    private static bool AchievedAtQ2(Seed.Indicator i)
    {
        var months = DistrictMonths(i);
        var quarters = Seed.PlanRules.Quarters(i.MeasureKind, Targets[i.Code].Months);
        var lower = i.Direction == Seed.Direction.LowerIsBetter;
        if (i.MeasureKind == MeasureKind.Cumulative)
        {
            var (a1, a2) = (months.Take(3).Sum(v => v ?? 0), months.Skip(3).Take(3).Sum(v => v ?? 0));
            if (lower) return a1 + a2 <= quarters[0] + quarters[1];
            var carry = Math.Max(0, quarters[0] - a1);
            return a2 >= quarters[1] + carry;
        }
        var june = months[5]!.Value;
        return lower ? june <= quarters[1] : june >= quarters[1];
    }

    private static List<Proto.GetUnitAssignmentsResponse> Assignments()
    {
        var targets = Seed.DemoPlan2024.Revision.Targets;
        return [.. Seed.DemoPlan2024.Units.Select(u => new Proto.GetUnitAssignmentsResponse
        {
            UnitCode = u.Code,
            Year = 2024,
            Assignments =
            {
                Seed.CatalogRules.Assignments(u.Code, targets, Catalog).Select(a => new Proto.Assignment
                {
                    Indicator = ToProto(a.Indicator),
                    YearTarget = a.YearTarget,
                    Quarters = { a.Quarters },
                    Months = { a.Months },
                    DistrictFigure = a.DistrictFigure,
                }),
            },
        })];
    }

    private static Proto.Indicator ToProto(Seed.Indicator i)
    {
        var proto = new Proto.Indicator
        {
            Code = i.Code,
            Source = (Proto.IndicatorSource)i.Source,
            Direction = (Proto.Direction)i.Direction,
            MeasureKind = (Proto.MeasureKind)i.MeasureKind,
            CommuneAllocated = i.CommuneAllocated,
            ResponsibleOfficeCode = i.ResponsibleOfficeCode,
            Range = i.RangeMin is { } min && i.RangeMax is { } max ? new Proto.ValueRange { Min = min, Max = max } : null,
        };
        if (i.Baseline is { } baseline) proto.Baseline = baseline;
        return proto;
    }
}

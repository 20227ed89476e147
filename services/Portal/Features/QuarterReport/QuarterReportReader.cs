using TuyPhuoc.Contracts.Evaluation.V1;
using TuyPhuoc.Contracts.Plans.V1;

namespace TuyPhuoc.Portal.Features;

/// <summary>Biểu số 01 read once for the page and the workbook: Evaluation's quarterly report with the quarter's facts.</summary>
public sealed class QuarterReportReader(Evaluation.EvaluationClient evaluation, QuarterFactsReader facts, DistrictClock clock)
{
    public async Task<QuarterReportView> ReadAsync(int year, int quarter, CallOptions call)
    {
        var report = await evaluation.GetQuarterReportAsync(new GetQuarterReportRequest { Year = year, Quarter = quarter }, call);
        var read = await facts.ReadAsync(year, quarter, report.DistrictFigures, report.CheckpointFailures.Select(l => l.UnitCode), call);
        return QuarterReportView.Of(report, read, clock.Today);
    }
}

/// <summary>Reads what <see cref="QuarterFacts"/> holds: the plan at the quarter's end, the names, and the notes of the units that explain the figures.</summary>
public sealed class QuarterFactsReader(IndicatorPlans.IndicatorPlansClient plans, PlanCache cache, OfficeReads reads)
{
    public async Task<QuarterFacts> ReadAsync(int year, int quarter, IEnumerable<IndicatorStatus> figures, IEnumerable<string> alsoExplaining, CallOptions call)
    {
        var plan = await plans.GetPlanAsync(new GetPlanRequest { Year = year, AsOf = PlanCalendar.QuarterEnd(year, quarter).ToProto() }, call);
        var targets = plan.Targets.ToDictionary(t => t.IndicatorCode);
        var catalog = await cache.IndicatorsAsync(call);
        var notes = await reads.ActualsAsync(figures.SelectMany(f => QuarterFacts.Explaining(f, targets, catalog)).Concat(alsoExplaining).Where(u => u.Length > 0), year, call);
        var units = await cache.UnitsByCodeAsync(call);
        if (figures.Any(f => f.SamePeriodFormerUnits.Count > 0))
        {
            // The former units a same period includes are named as they were last year.
            units = (await cache.UnitsOfYearAsync(year - 1, call)).Where(u => !units.ContainsKey(u.Key)).Concat(units).ToDictionary();
        }
        return new QuarterFacts(quarter, targets, catalog, units, notes);
    }
}

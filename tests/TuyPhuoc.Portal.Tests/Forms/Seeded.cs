using Google.Protobuf.WellKnownTypes;
using TuyPhuoc.Contracts.Evaluation.V1;
using TuyPhuoc.Contracts.Plans.V1;
using TuyPhuoc.IndicatorPlans.Grpc;
using TuyPhuoc.Portal.Features;
using ActualRevision = TuyPhuoc.Contracts.Submissions.V1.ActualRevision;
using Seed = TuyPhuoc.IndicatorPlans.Domain.DemoPlan2024;

namespace TuyPhuoc.Portal.Tests.Forms;

/// <summary>
/// The seeded 2024 plan as IndicatorPlans serves it (its own seed and mapping), and a Q2 quarterly report shaped like
/// the demo's: of the 17 province-assigned indicators 12 at half the year's plan by June and 5 below, of the 17
/// district-added ones the 10 judged quarterly achieved and 7 waiting for year-end.
/// </summary>
internal static class Seeded
{
    public static readonly string[] BelowHalf = ["CT04", "CT05", "CT06", "CT13", "CT15"];

    public static IReadOnlyDictionary<string, Indicator> Catalog { get; } = Seed.Indicators.Select(i => i.ToProto()).ToDictionary(i => i.Code);

    public static IReadOnlyDictionary<string, Unit> Units { get; } = Seed.Units.Select(u => u.ToProto()).ToDictionary(u => u.Code);

    public static Plan Plan
    {
        get
        {
            var revision = Seed.Revision;
            return Mapping.ToProto(revision, revision.Targets, [], Seed.Indicators.ToDictionary(i => i.Code));
        }
    }

    /// <summary>Biểu số 01 of <see cref="Q2"/> with the notes the units gave, as the page and the workbook show it.</summary>
    public static QuarterReportView Q2View(params ActualRevision[] notes) => QuarterReportView.Of(Q2,
        new QuarterFacts(2, Plan.Targets.ToDictionary(t => t.IndicatorCode), Catalog, Units,
            notes.GroupBy(n => n.UnitCode).ToDictionary(g => g.Key, g => (IReadOnlyList<ActualRevision>)[.. g])), new DateOnly(2024, 7, 15));

    public static ActualRevision Note(string unit, string indicator, int month, string note, string solutions = "") =>
        new() { UnitCode = unit, IndicatorCode = indicator, Year = 2024, Month = month, Value = 1, Note = note, Solutions = solutions, Revision = 1 };

    public static QuarterReport Q2
    {
        get
        {
            var plan = Plan;
            var report = new QuarterReport { Year = 2024, Quarter = 2, ComputedAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2024, 7, 12, 3, 0, 0, TimeSpan.Zero)) };
            foreach (var target in plan.Targets)
            {
                var indicator = Catalog[target.IndicatorCode];
                var yearEnd = indicator.MeasureKind == MeasureKind.YearEnd;
                var below = BelowHalf.Contains(target.IndicatorCode);
                var progress = below ? 0.375 : 0.5625;
                var status = new IndicatorStatus
                {
                    UnitCode = Seed.DistrictCode, IndicatorCode = target.IndicatorCode, Year = 2024, Quarter = 2,
                    Status = yearEnd ? Status.JudgedAtYearEnd : below ? Status.NotAchieved : Status.Achieved,
                    YearTarget = target.DistrictTarget, CheckpointDue = !yearEnd, PassesCheckpoints = !below,
                    Source = indicator.Source == IndicatorSource.Province ? "province" : "district",
                    Block = ServiceDefaults.PublishedPlan.BlockName(indicator.Block), ReportingUnitCode = indicator.ResponsibleOfficeCode,
                    RolledUp = indicator.CommuneAllocated,
                };
                if (!yearEnd)
                {
                    status.Progress = progress;
                    var cumulative = indicator.MeasureKind == MeasureKind.Cumulative;
                    var explained = new QuarterExplanation { Quarter = 2, Status = status.Status, CarryIn = cumulative && below ? target.Quarters[0] / 4 : 0 };
                    if (target.Quarters.Count == 4)
                    {
                        explained.Requirement = target.Quarters[1] + explained.CarryIn;
                        explained.Actual = cumulative ? progress * target.DistrictTarget / 2 : target.Quarters[1] * (below ? 0.8 : 1.02);
                        explained.PercentOfRequirement = explained.Actual / explained.Requirement;
                    }
                    explained.YearToDate = cumulative ? progress * target.DistrictTarget : explained.HasActual ? explained.Actual : 0;
                    status.Quarters.Add(explained);
                }
                if (target.IndicatorCode == "CT04") status.UnitsNotReported.Add("PHUOC_AN");
                report.DistrictFigures.Add(status);
                foreach (var allocation in target.Allocations)
                {
                    var cell = new UnitIndicatorCell { UnitCode = allocation.UnitCode, IndicatorCode = target.IndicatorCode, Status = status.Status };
                    if (status.HasProgress) cell.Progress = status.Progress;
                    report.AllocatedCells.Add(cell);
                    if (below) report.CheckpointFailures.Add(new Laggard { UnitCode = allocation.UnitCode, IndicatorCode = target.IndicatorCode, Status = status.Status, Progress = progress, CheckpointMinimum = 0.5 });
                }
                if (below) report.CheckpointFailures.Add(new Laggard { UnitCode = Seed.DistrictCode, IndicatorCode = target.IndicatorCode, Status = status.Status, Progress = progress, CheckpointMinimum = 0.5 });
            }
            report.Counts.Add(CountsOf(report.DistrictFigures));
            foreach (var source in new[] { "province", "district" })
            {
                var of = report.DistrictFigures.Where(f => f.Source == source).ToList();
                report.BySource.Add(new SourceSummary
                {
                    Source = source, Indicators = of.Count, Counts = { CountsOf(of) },
                    CheckpointPassed = of.Count(f => f.CheckpointDue && f.PassesCheckpoints), CheckpointFailed = of.Count(f => f.CheckpointDue && !f.PassesCheckpoints),
                    JudgedAtYearEnd = of.Count(f => f.Status == Status.JudgedAtYearEnd),
                });
            }
            return report;
        }
    }

    private static IEnumerable<StatusCount> CountsOf(IEnumerable<IndicatorStatus> statuses) =>
        statuses.GroupBy(s => s.Status).Select(g => new StatusCount { Status = g.Key, Count = g.Count() });
}

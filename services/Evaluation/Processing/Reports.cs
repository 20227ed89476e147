using Google.Protobuf.WellKnownTypes;

namespace TuyPhuoc.Evaluation.Processing;

/// <summary>The read side: the stored snapshots sliced to a quarter and summarized; the hot models go through the cache.</summary>
public sealed class Reports(EvaluationStore store, ResultCache cache, IPlanSource plans, ReportStates reportStates, KeyTaskFigures keyTasks)
{
    private static readonly ConcurrentDictionary<int, string> DistrictCodes = new();

    /// <summary>The district of a year: the unit of the district figures (the unit without a parent in the plan).</summary>
    public async Task<string> DistrictCodeAsync(int year, CancellationToken ct)
    {
        if (DistrictCodes.TryGetValue(year, out var code)) return code;
        var any = (await store.ResultsAsync(year, ct, districtOnly: true, limit: 1)).FirstOrDefault()
            ?? throw new NotFoundException($"There are no evaluation results for {year}.");
        return DistrictCodes[year] = any.Key.UnitCode;
    }

    public async Task<Proto.IndicatorStatus> StatusAsync(CallerScope caller, string unit, string indicator, int year, int quarter, CancellationToken ct)
    {
        var district = await DistrictCodeAsync(year, ct);
        caller.DemandResultsOf(unit, district);
        var row = (await store.ResultsAsync(year, ct, unit: unit, indicator: indicator)).FirstOrDefault()
            ?? throw new NotFoundException($"There is no result of {indicator} for {unit} in {year}.");
        if (!caller.SeesResult(row, district)) throw new PermissionDeniedException($"{indicator} is outside the caller's block.");
        var status = View(row, quarter);
        await ExplainSourcesAsync([status], await RolledUpRowsAsync([status], year, ct), year, quarter, ct);
        await CompareWithLastYearAsync([status], year, ct);
        return status;
    }

    public async Task<Proto.Scorecard> ScorecardAsync(CallerScope caller, string unit, int year, int quarter, CancellationToken ct)
    {
        var district = await DistrictCodeAsync(year, ct);
        caller.DemandResultsOf(unit, district);
        return await cache.GetOrLoadAsync(year, $"scorecard:{unit}:{quarter}:{caller.View}", Proto.Scorecard.Parser, async () =>
        {
            var statuses = (await store.ResultsAsync(year, ct, unit: unit)).Where(r => caller.SeesResult(r, district))
                .Select(r => View(r, quarter)).OrderBy(s => s.IndicatorCode, StringComparer.Ordinal).ThenBy(s => s.UnitCode, StringComparer.Ordinal).ToList();
            await ExplainSourcesAsync(statuses, await RolledUpRowsAsync(statuses, year, ct), year, quarter, ct);
            await CompareWithLastYearAsync(statuses, year, ct);
            return new Proto.Scorecard
            {
                UnitCode = unit, Year = year, Quarter = quarter, Statuses = { statuses }, Counts = { Counts(Summarize(quarter, statuses)) },
                Preliminary = statuses.Any(s => s.Preliminary),
            };
        });
    }

    public async Task<Proto.BlockSummary> BlockSummaryAsync(CallerScope caller, string block, int year, int quarter, CancellationToken ct)
    {
        caller.DemandBlock(block);
        var district = await DistrictCodeAsync(year, ct);
        var summary = (await BlockFiguresAsync(caller, district, block, year, quarter, ct)).Clone();
        summary.KeyTasks = await keyTasks.SummaryAsync(caller, year, quarter, block, ct);
        return summary;
    }

    private Task<Proto.BlockSummary> BlockFiguresAsync(CallerScope caller, string district, string block, int year, int quarter, CancellationToken ct) =>
        cache.GetOrLoadAsync(year, $"block:{block}:{quarter}:{caller.View}", Proto.BlockSummary.Parser, async () =>
        {
            var rows = await store.ResultsAsync(year, ct, block: block);
            List<(bool DistrictFigure, Proto.IndicatorStatus Status)> views = [.. rows.Where(r => caller.SeesResult(r, district)).Select(r => (r.DistrictFigure, View(r, quarter)))];
            var figures = views.Where(v => v.DistrictFigure).Select(v => v.Status).ToList();
            await ExplainSourcesAsync(figures, rows, year, quarter, ct);
            await CompareWithLastYearAsync(figures, year, ct);
            var ofFigures = Summarize(quarter, figures);
            return new Proto.BlockSummary
            {
                Block = block,
                Year = year,
                Quarter = quarter,
                Counts = { Counts(ofFigures) },
                CheckpointPassed = ofFigures.CheckpointPassed,
                CheckpointFailed = ofFigures.CheckpointFailed,
                DistrictFigures = { figures },
                Laggards = { Summarize(quarter, views.Select(v => v.Status)).Laggards.Select(ToLaggard) },
                Preliminary = figures.Any(f => f.Preliminary),
            };
        });

    public async Task<Proto.QuarterReport> QuarterReportAsync(CallerScope caller, int year, int quarter, CancellationToken ct)
    {
        var district = await DistrictCodeAsync(year, ct);
        var report = (await DistrictReportAsync(caller, district, year, quarter, ct)).Clone();
        report.KeyTasks = await keyTasks.SummaryAsync(caller, year, quarter, null, ct);
        return report;
    }

    private Task<Proto.QuarterReport> DistrictReportAsync(CallerScope caller, string district, int year, int quarter, CancellationToken ct) =>
        cache.GetOrLoadAsync(year, $"report:{quarter}:{caller.View}", Proto.QuarterReport.Parser, async () =>
        {
            var rows = await store.ResultsAsync(year, ct);
            List<(bool DistrictFigure, Proto.IndicatorStatus Status)> views = [.. rows.Where(r => caller.SeesResult(r, district)).Select(r => (r.DistrictFigure, View(r, quarter)))];
            var figures = views.Where(v => v.DistrictFigure).Select(v => v.Status).ToList();
            await ExplainSourcesAsync(figures, rows, year, quarter, ct);
            await CompareWithLastYearAsync(figures, year, ct);
            var report = new Proto.QuarterReport
            {
                Year = year,
                Quarter = quarter,
                DistrictFigures = { figures },
                Counts = { Counts(Summarize(quarter, figures)) },
                CheckpointFailures = { Summarize(quarter, views.Select(v => v.Status)).BelowCheckpoint.Select(ToLaggard) },
                AllocatedCells = { views.Where(v => !v.DistrictFigure).Select(v => Cell(v.Status)) },
                ComputedAt = figures.Select(f => f.ComputedAt).MaxBy(t => t?.ToDateTimeOffset()) ?? DateTimeOffset.UnixEpoch.ToProto(),
                Preliminary = figures.Any(f => f.Preliminary),
            };
            foreach (var source in new[] { "province", "district" })
            {
                var of = Summarize(quarter, figures.Where(f => f.Source == source));
                report.BySource.Add(new Proto.SourceSummary
                {
                    Source = source,
                    Indicators = of.CountByStatus.Values.Sum(),
                    Counts = { Counts(of) },
                    CheckpointPassed = of.CheckpointPassed,
                    CheckpointFailed = of.CheckpointFailed,
                    JudgedAtYearEnd = of.ExcludedFromCheckpoints,
                });
            }
            return report;
        });

    /// <summary>Laggards ordered by unit then indicator; the page key is "unit/indicator".</summary>
    public async Task<List<(string Key, Proto.Laggard Laggard)>> LaggardsAsync(CallerScope caller, int year, int quarter, string? unit, string? block, CancellationToken ct)
    {
        var district = await DistrictCodeAsync(year, ct);
        if (unit is not null) caller.DemandResultsOf(unit, district);
        if (block is not null) caller.DemandBlock(block);
        var rows = await store.ResultsAsync(year, ct, unit: unit, block: block);
        return [.. Summarize(quarter, rows.Where(r => caller.SeesResult(r, district)).Select(r => View(r, quarter))).Laggards
            .Select(s => ($"{s.UnitCode}/{s.IndicatorCode}", ToLaggard(s)))
            .OrderBy(l => l.Item1, StringComparer.Ordinal)];
    }

    /// <summary>The Domain's summary of stored statuses (the rule lives there, for tests and for what ships).</summary>
    public static QuarterSummary<Proto.IndicatorStatus> Summarize(int quarter, IEnumerable<Proto.IndicatorStatus> statuses) =>
        EvaluationRules.Summarize(quarter, statuses.Select(s => (s, new Headline(
            Snapshots.FromProto(s.Status), s.CheckpointDue ? s.PassesCheckpoints : null, s.MeasureKind == MeasureKind.YearEnd.Name()))));

    public static Proto.IndicatorStatus View(StoredResult row, int quarter)
    {
        var status = Snapshots.Slice(Snapshots.Parse(row.Snapshot), quarter);
        status.ComputedAt = row.ComputedAt.ToProto();
        return status;
    }

    /// <summary>
    /// What the Domain's rules say of the sources behind each status: for a district figure formed from the communes'
    /// own, which of the plan's units reported the quarter (from their rows, given); for every status, the months whose
    /// values come from reports not yet approved.
    /// </summary>
    private async Task ExplainSourcesAsync(IEnumerable<Proto.IndicatorStatus> statuses, IReadOnlyList<StoredResult> rows, int year, int quarter, CancellationToken ct)
    {
        var plan = await plans.GetAsync(year, ct);
        var approved = await reportStates.ApprovedAsync(year, ct);
        var months = rows.Where(r => !r.DistrictFigure).ToDictionary(r => (r.Key.IndicatorCode, r.Key.UnitCode),
            r => (IReadOnlyList<decimal?>)Snapshots.Months(Snapshots.Parse(r.Snapshot)));
        foreach (var status in statuses)
        {
            IReadOnlyList<(string Unit, IReadOnlyList<decimal?> Months)> sources =
                [(status.ReportingUnitCode, Snapshots.Months(status))];
            if (status.RolledUp && plan is not null && ResultPlanner.ForIndicator(plan, status.IndicatorCode).FirstOrDefault(s => s.FromCommunes) is { } spec)
            {
                sources = [.. spec.SourceUnits.Select(u => (u, months.GetValueOrDefault((status.IndicatorCode, u)) ?? []))];
                var coverage = RollUpCoverage.Of(spec.Indicator.Kind, quarter, sources);
                status.UnitsExpected = coverage.Expected;
                status.UnitsReported = coverage.Reported.Count;
                status.UnitsNotReported.Clear();
                status.UnitsNotReported.Add(coverage.NotReported);
            }
            var preliminary = ReportApproval.PreliminaryMonths(quarter, sources, approved);
            status.Preliminary = preliminary.Count > 0;
            status.PreliminaryMonths.Clear();
            status.PreliminaryMonths.Add(preliminary);
        }
    }

    /// <summary>
    /// Each quarter of each status beside the same period last year (<see cref="SamePeriod"/>): last year's months of the
    /// units this year's figure is formed from and of the units merged into them since, formed the same way (summed,
    /// averaged or as reported), so a figure and its cùng kỳ cover the same ground; the former units are named.
    /// </summary>
    private async Task CompareWithLastYearAsync(IReadOnlyList<Proto.IndicatorStatus> statuses, int year, CancellationToken ct)
    {
        if (await plans.GetAsync(year, ct) is not { } plan) return;
        var index = PlanIndex.Of(plan);
        var formerOf = (await plans.MergersAsync(year - 1, ct)).ToLookup(m => m.Value, m => m.Key);
        var specs = statuses.Select(s => (Status: s, Spec: index.Spec(s.IndicatorCode, s.UnitCode))).Where(x => x.Spec is not null)
            .Select(x => (x.Status, LastYear: SamePeriod.LastYear(x.Spec!, formerOf))).ToList();
        var cells = await store.CellsAsync(year - 1, specs.SelectMany(x => x.LastYear.Spec.SourceUnits.Select(u => (x.Status.IndicatorCode, u))).ToHashSet(), ct);
        foreach (var (status, (spec, former)) in specs)
        {
            status.SamePeriodFormerUnits.Clear();
            status.SamePeriodFormerUnits.Add(former);
            var lastYear = ResultPlanner.Input(spec, u => cells.GetValueOrDefault((status.IndicatorCode, u)), EvaluationPolicy.Default).MonthlyActuals;
            foreach (var q in status.Quarters)
            {
                var (same, versus) = SamePeriod.Of(spec.Indicator.Kind, q.HasYearToDate ? (decimal)q.YearToDate : null, lastYear, q.Quarter);
                if (same is { } s) q.SamePeriodLastYear = (double)s;
                if (versus is { } v) q.VersusLastYear = (double)v;
            }
        }
    }

    /// <summary>The rows of the indicators whose district figure among <paramref name="statuses"/> is formed from the communes' own.</summary>
    private async Task<List<StoredResult>> RolledUpRowsAsync(IEnumerable<Proto.IndicatorStatus> statuses, int year, CancellationToken ct)
    {
        var rows = new List<StoredResult>();
        foreach (var code in statuses.Where(s => s.RolledUp).Select(s => s.IndicatorCode).Distinct()) rows.AddRange(await store.ResultsAsync(year, ct, indicator: code));
        return rows;
    }

    public static IEnumerable<Proto.StatusCount> Counts<TKey>(QuarterSummary<TKey> summary) =>
        summary.CountByStatus.Select(c => new Proto.StatusCount { Status = Snapshots.ToProto(c.Key), Count = c.Value });

    private static Proto.UnitIndicatorCell Cell(Proto.IndicatorStatus s)
    {
        var cell = new Proto.UnitIndicatorCell { UnitCode = s.UnitCode, IndicatorCode = s.IndicatorCode, Status = s.Status };
        if (s.HasProgress) cell.Progress = s.Progress;
        return cell;
    }

    private static Proto.Laggard ToLaggard(Proto.IndicatorStatus s)
    {
        var laggard = new Proto.Laggard { UnitCode = s.UnitCode, IndicatorCode = s.IndicatorCode, Status = s.Status };
        if (s.HasProgress) laggard.Progress = s.Progress;
        var failed = s.Quarters.SelectMany(q => q.Checkpoints).Where(c => !c.Passed).ToList();
        if (failed.Count > 0) laggard.CheckpointMinimum = failed.Max(c => c.Minimum);
        return laggard;
    }
}

/// <summary>
/// The access table applied to results: a block leader sees the results of its block's indicators, a unit reporter
/// its unit's and the district figures, a district grant the district figures alone.
/// </summary>
public static class ResultAccess
{
    public static bool SeesResult(this CallerScope caller, StoredResult r, string districtCode) =>
        caller.SeesUnit(r.Key.UnitCode, r.Block) || (caller.Grant is Grant.OwnUnit or Grant.District && r.Key.UnitCode == districtCode);

    /// <summary>Refuses a unit reporter or a district grant the results of another unit; a block leader's are filtered by block.</summary>
    public static void DemandResultsOf(this CallerScope caller, string unit, string districtCode)
    {
        var own = caller.NarrowUnit(null);
        if (caller.Grant is Grant.OwnUnit or Grant.District && unit != own && unit != districtCode)
            throw new PermissionDeniedException($"This caller sees {(own is null ? "" : $"{own} and ")}the district figures, not {unit}.");
    }
}

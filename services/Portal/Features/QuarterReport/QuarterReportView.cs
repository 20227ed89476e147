using TuyPhuoc.Contracts.Evaluation.V1;
using TuyPhuoc.Contracts.Plans.V1;
using TuyPhuoc.Contracts.Submissions.V1;

namespace TuyPhuoc.Portal.Features;

/// <summary>
/// One indicator's district figure for a quarter, as the quarterly report ("Biểu số 01") and a block's summary show
/// it: the plan, the quarter and the year so far, the percentages and status as Evaluation decided them, and the
/// remarks: the responsible office, the units that have not reported, the causes and solutions noted (null where they were not read);
/// beside them the same period last year (cùng kỳ) and the year so far as a share of it.
/// </summary>
public sealed record FigureLine(string Code, string Name, string UnitOfMeasure, string Block, double? ProvinceTarget, double DistrictTarget,
    double? QuarterActual, double? YearToDate, double? Progress, double? PercentOfQuarter, double? QuarterTarget, double CarryIn, Status Status,
    bool Preliminary, string Office, IReadOnlyList<string> NotReported, IReadOnlyList<string>? Causes, IReadOnlyList<string>? Solutions, int UnitsExpected, int UnitsReported,
    double? SamePeriodLastYear = null, double? VersusLastYear = null, IReadOnlyList<string>? SamePeriodFormer = null);

/// <summary>An indicator the plan allocates to a commune or town, with the unit's year target and where it stands.</summary>
public sealed record AllocatedLine(string Unit, string UnitName, string Code, string Name, string UnitOfMeasure, double? YearTarget, Status Status, double? Progress);

/// <summary>An indicator of a unit below its mark; <see cref="Causes"/> and <see cref="Solutions"/> are null where the person may not read the unit's notes.</summary>
public sealed record LaggardLine(string Unit, string UnitName, string Code, string Name, string UnitOfMeasure, Status Status, double? Progress, double? Minimum,
    IReadOnlyList<string>? Causes, IReadOnlyList<string>? Solutions);

public sealed record StatusTally(Status Status, int Count)
{
    public static IReadOnlyList<StatusTally> Of(IEnumerable<StatusCount> counts) => [.. counts.Select(c => new StatusTally(c.Status, c.Count))];
}

/// <summary>The counts of the province-assigned ("province") or the district's own ("district") indicators.</summary>
public sealed record SourceTally(string Source, int Indicators, IReadOnlyList<StatusTally> Counts, int CheckpointPassed, int CheckpointFailed);

/// <summary>
/// Biểu số 01 as both the page and the workbook render it: the issuing body, the district figures block by block
/// (the blocks' order, then by code), the communes' cells by unit, the indicators below the checkpoint, the counts as
/// Evaluation counted them, the key tasks; the number of the announcement that issued it (null for the report as it stands).
/// </summary>
public sealed record QuarterReportView(string Issuer, DateOnly Date, int Year, int Quarter, bool Preliminary, IReadOnlyList<FigureLine> Figures,
    IReadOnlyList<AllocatedLine> Allocated, IReadOnlyList<LaggardLine> BelowCheckpoint, IReadOnlyList<SourceTally> BySource, IReadOnlyList<StatusTally> Counts,
    TaskCounts? KeyTasks)
{
    public string? Number { get; init; }

    public static QuarterReportView Of(QuarterReport r, QuarterFacts facts, DateOnly date) => new(facts.Issuer, date, r.Year, r.Quarter, r.Preliminary,
        facts.Figures(r.DistrictFigures),
        [.. r.AllocatedCells.OrderBy(c => facts.UnitRank(c.UnitCode)).ThenBy(c => c.IndicatorCode, StringComparer.Ordinal).Select(facts.Allocated)],
        facts.Laggards(r.CheckpointFailures),
        [.. r.BySource.Select(s => new SourceTally(s.Source, s.Indicators, StatusTally.Of(s.Counts), s.CheckpointPassed, s.CheckpointFailed))],
        StatusTally.Of(r.Counts), TaskCounts.From(r.KeyTasks));
}

/// <summary>
/// What a quarter's figures are shown with, decided once for the quarterly report, a block's summary and their
/// workbook: the plan in force at the quarter's end (what Evaluation judged the quarter against), the catalog's and
/// the units' names, and the notes the units gave with the quarter's months.
/// </summary>
public sealed record QuarterFacts(int Quarter, IReadOnlyDictionary<string, Target> Targets, IReadOnlyDictionary<string, Indicator> Catalog,
    IReadOnlyDictionary<string, Unit> Units, IReadOnlyDictionary<string, IReadOnlyList<ActualRevision>> Notes)
{
    private IReadOnlyDictionary<string, int> Order { get; } = OfficePages.UnitOrder(Units.Values);

    public string Issuer => Units.Values.FirstOrDefault(u => u.Kind == UnitKind.District)?.Name ?? "";
    public string Name(string indicator) => Catalog.GetValueOrDefault(indicator)?.Name ?? indicator;
    public string UnitName(string unit) => Units.GetValueOrDefault(unit)?.Name ?? unit;
    public int UnitRank(string unit) => Order.GetValueOrDefault(unit, int.MaxValue);

    /// <summary>The units whose notes explain a figure: the office responsible for it, the unit that reports it, and the units it is allocated to.</summary>
    public static IEnumerable<string> Explaining(IndicatorStatus s, IReadOnlyDictionary<string, Target> targets, IReadOnlyDictionary<string, Indicator> catalog) =>
        new[] { catalog.GetValueOrDefault(s.IndicatorCode)?.ResponsibleOfficeCode ?? "", s.RolledUp ? "" : s.ReportingUnitCode }
            .Concat(targets.GetValueOrDefault(s.IndicatorCode)?.Allocations.Select(a => a.UnitCode) ?? []).Where(u => u.Length > 0).Distinct();

    /// <summary>
    /// What the units wrote with an indicator in the quarter's months (<paramref name="words"/>: the causes or the
    /// solutions), in month order and each once: the first unit's as written, another's after its name. Null when none
    /// of the units' notes could be read.
    /// </summary>
    public IReadOnlyList<string>? Noted(string indicator, IReadOnlyList<string> units, Func<ActualRevision, string> words)
    {
        if (!units.Any(Notes.ContainsKey)) return null;
        return [.. units.SelectMany(u => Notes.GetValueOrDefault(u) ?? [])
            .Where(a => a.IndicatorCode == indicator && PlanCalendar.QuarterOf(a.Month) == Quarter && words(a).Trim().Length > 0).OrderBy(a => a.Month)
            .Select(a => a.UnitCode == units[0] ? words(a).Trim() : $"{UnitName(a.UnitCode)}: {words(a).Trim()}").Distinct()];
    }

    public static string Causes(ActualRevision a) => a.Note;

    public static string Solutions(ActualRevision a) => a.Solutions;

    public IReadOnlyList<FigureLine> Figures(IEnumerable<IndicatorStatus> figures) =>
        [.. figures.Select(Figure).OrderBy(f => BlockRank(f.Block)).ThenBy(f => f.Code, StringComparer.Ordinal)];

    private static int BlockRank(string block) => PublishedPlan.BlockNames.Contains(block) ? PublishedPlan.BlockNames.TakeWhile(b => b != block).Count() : int.MaxValue;

    public IReadOnlyList<LaggardLine> Laggards(IEnumerable<Laggard> laggards) =>
        [.. laggards.OrderBy(l => UnitRank(l.UnitCode)).ThenBy(l => l.IndicatorCode, StringComparer.Ordinal).Select(Laggard)];

    public FigureLine Figure(IndicatorStatus s)
    {
        var indicator = Catalog.GetValueOrDefault(s.IndicatorCode);
        IReadOnlyList<string> explaining = [.. Explaining(s, Targets, Catalog)];
        var q = s.Quarters.FirstOrDefault(x => x.Quarter == Quarter);
        var target = Targets.GetValueOrDefault(s.IndicatorCode);
        return new FigureLine(s.IndicatorCode, Name(s.IndicatorCode), indicator?.UnitOfMeasure ?? "", s.Block,
            target is { HasProvinceTarget: true } ? target.ProvinceTarget : null, s.YearTarget,
            q is { HasActual: true } ? q.Actual : null, q is { HasYearToDate: true } ? q.YearToDate : null, s.HasProgress ? s.Progress : null,
            q is { HasPercentOfRequirement: true } ? q.PercentOfRequirement : null, q is { HasPhasedTarget: true } ? q.PhasedTarget : null, q?.CarryIn ?? 0,
            s.Status, s.Preliminary, indicator is null ? "" : UnitName(indicator.ResponsibleOfficeCode), [.. s.UnitsNotReported.Select(UnitName)],
            Noted(s.IndicatorCode, explaining, Causes), Noted(s.IndicatorCode, explaining, Solutions), s.UnitsExpected, s.UnitsReported,
            q is { HasSamePeriodLastYear: true } ? q.SamePeriodLastYear : null, q is { HasVersusLastYear: true } ? q.VersusLastYear : null,
            [.. s.SamePeriodFormerUnits.Select(UnitName)]);
    }

    public LaggardLine Laggard(Laggard l) =>
        new(l.UnitCode, UnitName(l.UnitCode), l.IndicatorCode, Name(l.IndicatorCode), Catalog.GetValueOrDefault(l.IndicatorCode)?.UnitOfMeasure ?? "", l.Status,
            l.HasProgress ? l.Progress : null, l.HasCheckpointMinimum ? l.CheckpointMinimum : null,
            Noted(l.IndicatorCode, [l.UnitCode], Causes), Noted(l.IndicatorCode, [l.UnitCode], Solutions));

    public AllocatedLine Allocated(UnitIndicatorCell c) =>
        new(c.UnitCode, UnitName(c.UnitCode), c.IndicatorCode, Name(c.IndicatorCode), Catalog.GetValueOrDefault(c.IndicatorCode)?.UnitOfMeasure ?? "",
            Targets.GetValueOrDefault(c.IndicatorCode)?.Allocations.FirstOrDefault(a => a.UnitCode == c.UnitCode)?.YearTarget, c.Status, c.HasProgress ? c.Progress : null);
}

using TuyPhuoc.Contracts.Plans.V1;
using TuyPhuoc.Contracts.Scoring.V1;

namespace TuyPhuoc.Portal.Features;

public sealed record RankLine(int Rank, string Unit, string UnitName, string Block, double Total, string ClassCode, string ClassName, bool HeldBack);

public sealed record YearStateLine(bool Final, DateTimeOffset? ChangedAt, string ChangedBy, string Reason, int SchemeVersion)
{
    public static YearStateLine From(YearState s) => new(s.Final, s.ChangedAt?.ToDateTimeOffset(), s.ChangedBy, s.Reason, s.SchemeVersion);
}

public sealed record WeightLine(string Code, string Name, double Weight);

public sealed record ClassLine(string Code, string Name, double MinTotal);

/// <summary>The scoring scheme in force, as Home Affairs set it (read-only here).</summary>
public sealed record SchemeView(int Version, DateTimeOffset? RecordedAt, string RecordedBy, IReadOnlyList<WeightLine> Weights, double FullFrom, double ProportionalFrom,
    double ExceedFrom, double BonusFraction, double BonusCap, double PerLateReport, double PerMissingReport, double PerOverdueEscalation, double? PerOverdueKeyTask,
    IReadOnlyList<ClassLine> Classes, double? CapFraction, string CapBase, string CapRounding, IReadOnlyList<string> TieBreak)
{
    public static SchemeView From(Scheme s, IReadOnlyDictionary<string, Indicator> catalog) => new(s.Version, s.RecordedAt?.ToDateTimeOffset(), s.RecordedBy,
        [.. s.Weights.OrderBy(w => w.Key, StringComparer.Ordinal).Select(w => new WeightLine(w.Key, catalog.GetValueOrDefault(w.Key)?.Name ?? w.Key, w.Value))],
        s.Band?.FullFrom ?? 0, s.Band?.ProportionalFrom ?? 0, s.Bonus?.ExceedFrom ?? 0, s.Bonus?.FractionOfWeight ?? 0, s.Bonus?.Cap ?? 0,
        s.Deductions?.PerLateReport ?? 0, s.Deductions?.PerMissingReport ?? 0, s.Deductions?.PerOverdueEscalation ?? 0,
        s.Deductions is { HasPerOverdueKeyTask: true } d ? d.PerOverdueKeyTask : null,
        [.. s.Classes.Select(c => new ClassLine(c.Code, c.Name, c.MinTotal))], s.OutstandingCap?.Fraction, s.OutstandingCap?.BaseLevelCode ?? "",
        (s.OutstandingCap?.Rounding ?? Contracts.Scoring.V1.CapRounding.Unspecified).ToString(), [.. s.TieBreak]);
}

/// <summary>
/// The classification list (xếp loại) of a year or a quarter, all units or one block, as the page shows it and the
/// workbook prints it: the entries in EmulationScoring's order with the units' names, and the year's state and scheme.
/// The list does not depend on the plan: EmulationScoring scores each year against its plans, the portal only names the units.
/// </summary>
public sealed record RankingView(int Year, int Quarter, string Block, bool Final, string District, IReadOnlyList<RankLine> Entries, YearStateLine State, SchemeView Scheme)
{
    /// <summary>This list as the workbook the page offers.</summary>
    public string Xlsx => OfficePages.RankingXlsx(Year, Quarter) + (Block.Length > 0 ? $"&block={Block}" : "");

    public static RankingView From(int year, int quarter, string block, bool final, IEnumerable<RankingEntry> entries, IReadOnlyList<Unit> units,
        IReadOnlyDictionary<string, Indicator> catalog, YearState state, Scheme scheme)
    {
        var names = units.ToDictionary(u => u.Code, u => u.Name);
        return new(year, quarter, block, final, units.FirstOrDefault(u => u.Kind == UnitKind.District)?.Name ?? "UBND huyện",
            [.. entries.Select(e => new RankLine(e.Rank, e.UnitCode, names.GetValueOrDefault(e.UnitCode, e.UnitCode), e.Block, e.Total, e.ClassificationCode,
                e.ClassificationName, e.HeldBackByCap))], YearStateLine.From(state), SchemeView.From(scheme, catalog));
    }
}

/// <summary>A unit's score with what made it (points per indicator, bonuses, deductions), and the names to read it by.</summary>
public sealed record ScoreView(string UnitName, Score Score, IReadOnlyDictionary<string, Indicator> Catalog)
{
    public string Name(string indicator) => Catalog.GetValueOrDefault(indicator)?.Name ?? indicator;
}

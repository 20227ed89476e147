using TuyPhuoc.Contracts.Plans.V1;

namespace TuyPhuoc.Portal.Features;

/// <summary>What a plan workbook is written from, and checked against when it comes back: the catalog and the units by code.</summary>
public sealed record PlanCatalog(IReadOnlyDictionary<string, Indicator> Indicators, IReadOnlyDictionary<string, Unit> Units)
{
    public string DistrictName => Units.Values.FirstOrDefault(u => u.Kind == UnitKind.District)?.Name ?? "UBND huyện";
}

/// <summary>A target of the plan with its number in the annex and the catalog's names.</summary>
public sealed record PlanLine(int Number, string Name, string UnitOfMeasure, Target Target);

public sealed record PlanBlock(SectorBlock Block, IReadOnlyList<PlanLine> Lines);

/// <summary>
/// A year's plan, the one document the page and the workbook show: the plan with every revision decided for it, as it
/// stands at the year's end (what the year closes on, and what a new revision is compared with), its targets block by
/// block (economy, culture and society, internal affairs) and by code; and the decisions that made it. No plan: no targets.
/// </summary>
public sealed record PlanView(int Year, IReadOnlyList<PlanRevision> Revisions, Plan? Plan, PlanCatalog Catalog, IReadOnlyList<PlanBlock> Blocks)
{
    public IEnumerable<PlanLine> Lines => Blocks.SelectMany(b => b.Lines);

    /// <summary>What the plans warn of in the plan as it stands, in the order of its lines.</summary>
    public IReadOnlyList<PlanWarningLine> Warnings =>
        [.. (Plan?.Warnings ?? []).Select(w => (Warning: w, Line: Lines.FirstOrDefault(l => l.Target.IndicatorCode == w.IndicatorCode)))
            .OrderBy(x => x.Line?.Number ?? int.MaxValue)
            .Select(x => new PlanWarningLine(x.Warning.IndicatorCode, x.Line?.Name ?? x.Warning.IndicatorCode, x.Warning.Code, x.Warning.Message,
                x.Line?.Target.DistrictTarget ?? 0, x.Line?.Target is { HasProvinceTarget: true } t ? t.ProvinceTarget : null, x.Line?.Target.Allocations.Sum(a => a.YearTarget) ?? 0))];

    public static PlanView From(int year, IReadOnlyList<PlanRevision> revisions, Plan? plan, PlanCatalog catalog)
    {
        var number = 0;
        return new(year, revisions, plan, catalog, [.. (plan?.Targets ?? [])
            .Select(t => (Target: t, Indicator: catalog.Indicators.GetValueOrDefault(t.IndicatorCode)))
            .OrderBy(x => (int)(x.Indicator?.Block ?? SectorBlock.Unspecified)).ThenBy(x => x.Target.IndicatorCode, StringComparer.Ordinal)
            .GroupBy(x => x.Indicator?.Block ?? SectorBlock.Unspecified)
            .Select(g => new PlanBlock(g.Key, [.. g.Select(x => new PlanLine(++number, x.Indicator?.Name ?? "", x.Indicator?.UnitOfMeasure ?? "", x.Target))]))]);
    }
}

/// <summary>
/// A warning of the plans on one indicator (kept with the plan, not a refusal): the district's target less ambitious
/// than the province's, or allocations to the communes that do not add up to it; with the figures it is about.
/// </summary>
public sealed record PlanWarningLine(string IndicatorCode, string Name, string Kind, string Message, double District, double? Province, double Allocated);

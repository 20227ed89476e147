using TuyPhuoc.Contracts.Scoring.V1;

namespace TuyPhuoc.Portal.Features;

/// <summary>EmulationScoring for Home Affairs: the classification list (page and workbook), a unit's score, and closing or reopening the year.</summary>
public sealed class RankingReader(EmulationScoring.EmulationScoringClient scoring, PlanCache plans)
{
    /// <summary>The list of a year (quarter 0) or as of a quarter, of every unit or of one of <see cref="TuyPhuoc.PlanModel.Blocks.Ranked"/>.</summary>
    public async Task<RankingView> ReadAsync(int year, int quarter, string? block, CallOptions call)
    {
        quarter = quarter is >= 0 and <= 4 ? quarter : 0;
        block = TuyPhuoc.PlanModel.Blocks.Ranked.Contains(block) ? block! : "";
        var state = scoring.GetYearStateAsync(new GetYearStateRequest { Year = year }, call).ResponseAsync;
        var scheme = scoring.GetSchemeAsync(new GetSchemeRequest { Year = year }, call).ResponseAsync;
        var final = false;
        var entries = await Paging.AllAsync(
            token => scoring.ListRankingAsync(new ListRankingRequest { Year = year, Quarter = quarter, Block = block, PageSize = Paging.MaxPageSize, PageToken = token }, call).ResponseAsync,
            page => { final = page.Final; return (page.Entries, page.NextPageToken); }).ToListAsync();
        return RankingView.From(year, quarter, block, final, entries, await plans.UnitsAsync(call), await plans.IndicatorsAsync(call), await state, await scheme);
    }

    public async Task<ScoreView> ScoreAsync(string unit, int year, int quarter, CallOptions call)
    {
        var score = scoring.GetScoreAsync(new GetScoreRequest { UnitCode = unit, Year = year, Quarter = quarter is >= 0 and <= 4 ? quarter : 0 }, call).ResponseAsync;
        var units = await plans.UnitsByCodeAsync(call);
        return new ScoreView(units.GetValueOrDefault(unit)?.Name ?? unit, await score, await plans.IndicatorsAsync(call));
    }

    /// <summary>
    /// The year's scheme in force and every version of it, newest first; a year without one yet starts from the year
    /// before's, which its first version copies unless changed.
    /// </summary>
    public async Task<(Scheme Current, IReadOnlyList<SchemeView> Versions)> SchemesAsync(int year, CallOptions call)
    {
        var catalog = await plans.IndicatorsAsync(call);
        var versions = (await scoring.ListSchemeVersionsAsync(new ListSchemeVersionsRequest { Year = year }, call)).Versions;
        if (versions.Count > 0) return (versions.MaxBy(v => v.Version)!, [.. versions.OrderByDescending(v => v.Version).Select(v => SchemeView.From(v, catalog))]);
        var before = await scoring.GetSchemeAsync(new GetSchemeRequest { Year = year - 1 }, call);
        before.Year = year;
        return (before, []);
    }

    /// <summary>Records the next version of the year's scheme; the scores of the year are recomputed by it.</summary>
    public Task<Scheme> SetSchemeAsync(Scheme scheme, string key, CallOptions call) =>
        scoring.SetSchemeAsync(new SetSchemeRequest { Scheme = scheme, IdempotencyKey = key }, call).ResponseAsync;

    /// <summary>Finalises the list's year when it is open, reopens it when final; the service keeps the reason with the act.</summary>
    public Task ChangeYearAsync(RankingView view, string reason, string key, CallOptions call) => view.State.Final
        ? scoring.ReopenYearAsync(new ReopenYearRequest { Year = view.Year, Reason = reason, IdempotencyKey = key }, call).ResponseAsync
        : scoring.FinalizeYearAsync(new FinalizeYearRequest { Year = view.Year, Reason = reason, IdempotencyKey = key }, call).ResponseAsync;
}

using System.Collections.Concurrent;
using Grpc.Core;
using TuyPhuoc.Submissions.Domain;
using Proto = TuyPhuoc.Contracts.Plans.V1;

namespace TuyPhuoc.Submissions.Plans;

/// <summary>
/// The plans of the years in use, asked of IndicatorPlans once and kept in memory; <see cref="PlanFeedFollower"/>
/// drops a year when IndicatorPlans' change feed says it changed.
/// </summary>
public sealed class PlanCache(Proto.IndicatorPlans.IndicatorPlansClient plans, TimeProvider clock, ILogger<PlanCache> logger)
{
    private const int PageSize = 1000;
    private static readonly TimeSpan RefreshOnMissAfter = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<int, Lazy<Task<Entry>>> _years = new();
    private long _generation;

    private sealed record Entry(PlanView? View, long Generation, DateTimeOffset LoadedAt);

    /// <summary>The plan of the year, or null when the year has no plan.</summary>
    public async Task<PlanView?> GetAsync(int year, CancellationToken ct)
    {
        var entry = await LoadAsync(year, ct);
        return entry.View;
    }

    /// <summary>
    /// Like <see cref="GetAsync"/>, but when <paramref name="knows"/> is false of a plan loaded a while ago, asks
    /// IndicatorPlans again once: a caller may act on a change the feed has not brought yet.
    /// </summary>
    public async Task<PlanView?> GetAsync(int year, Func<PlanView, bool> knows, CancellationToken ct)
    {
        var entry = await LoadAsync(year, ct);
        if ((entry.View is null || !knows(entry.View)) && clock.GetUtcNow() - entry.LoadedAt > RefreshOnMissAfter)
        {
            Forget(year, entry);
            entry = await LoadAsync(year, ct);
        }
        return entry.View;
    }

    /// <summary>Drops what is known of a year (or of every year), so the next read asks IndicatorPlans again.</summary>
    public void Invalidate(int? year = null)
    {
        Interlocked.Increment(ref _generation);
        if (year is { } y) _years.TryRemove(y, out _);
        else _years.Clear();
    }

    private async Task<Entry> LoadAsync(int year, CancellationToken ct)
    {
        var lazy = _years.GetOrAdd(year, y => new Lazy<Task<Entry>>(() => FetchAsync(y)));
        try
        {
            var entry = await lazy.Value.WaitAsync(ct);
            // A change arrived while this was loading: the next reader loads again.
            if (entry.Generation != Interlocked.Read(ref _generation)) _years.TryRemove(new(year, lazy));
            return entry;
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            _years.TryRemove(new(year, lazy));
            throw;
        }
    }

    private void Forget(int year, Entry stale)
    {
        if (_years.TryGetValue(year, out var lazy) && lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully && lazy.Value.Result == stale)
        {
            _years.TryRemove(new(year, lazy));
        }
    }

    private async Task<Entry> FetchAsync(int year)
    {
        var generation = Interlocked.Read(ref _generation);
        var loadedAt = clock.GetUtcNow();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var ct = timeout.Token;
        var today = DateOnly.FromDateTime(loadedAt.UtcDateTime);
        var yearEnd = new DateOnly(year, 12, 31);
        var asOf = today < yearEnd ? today : yearEnd;

        var catalog = new Dictionary<string, Proto.Indicator>();
        await foreach (var i in Pages(token => plans.ListIndicatorsAsync(new Proto.ListIndicatorsRequest { PageSize = PageSize, PageToken = token }, cancellationToken: ct).ResponseAsync,
            r => (r.Indicators, r.NextPageToken)))
        {
            catalog[i.Code] = i;
        }
        var indicators = catalog.Values.ToDictionary(i => i.Code, i => new IndicatorInfo(i.Code, (MeasureKind)i.MeasureKind, i.Range?.Min, i.Range?.Max));

        // Units in existence at any time of the year: those of its first day and those of its last (or today).
        var units = new Dictionary<string, UnitInfo>();
        foreach (var date in new[] { new DateOnly(year, 1, 1), asOf }.Distinct())
        {
            await foreach (var u in Pages(token => plans.ListUnitsAsync(new Proto.ListUnitsRequest { AsOf = ToProto(date), PageSize = PageSize, PageToken = token }, cancellationToken: ct).ResponseAsync,
                r => (r.Units, r.NextPageToken)))
            {
                units[u.Code] = new UnitInfo(u.Code, (UnitKind)u.Kind, BlockName(u.Block));
            }
        }

        // One read of the plan, not one per unit: at national scale (thousands of units) that keeps a load within seconds.
        Proto.Plan plan;
        try
        {
            plan = await plans.GetPlanAsync(new Proto.GetPlanRequest { Year = year, AsOf = ToProto(asOf) }, cancellationToken: ct);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            logger.LogInformation("No plan for {Year} in force on {AsOf}", year, asOf);
            return new Entry(null, generation, loadedAt);
        }
        var assigned = Assignments(plan.Targets, catalog);
        logger.LogInformation("Plan of {Year} loaded: {Indicators} indicators, {Units} units, {Assigned} units with assignments",
            year, indicators.Count, units.Count, assigned.Count);
        return new Entry(new PlanView(year, indicators, units, assigned), generation, loadedAt);
    }

    /// <summary>
    /// The indicators each unit reports under a plan: its allocations of the commune-allocated ones, and the district
    /// figure of the others for the office responsible (the rule of IndicatorPlans' CatalogRules.Assignments).
    /// </summary>
    public static Dictionary<string, IReadOnlySet<string>> Assignments(IEnumerable<Proto.Target> targets, IReadOnlyDictionary<string, Proto.Indicator> catalog)
    {
        var assigned = new Dictionary<string, HashSet<string>>();
        foreach (var target in targets)
        {
            if (!catalog.TryGetValue(target.IndicatorCode, out var indicator)) continue;
            foreach (var unit in indicator.CommuneAllocated ? target.Allocations.Select(a => a.UnitCode) : [indicator.ResponsibleOfficeCode])
            {
                if (!assigned.TryGetValue(unit, out var codes)) assigned[unit] = codes = [];
                codes.Add(target.IndicatorCode);
            }
        }
        return assigned.ToDictionary(a => a.Key, IReadOnlySet<string> (a) => a.Value);
    }

    private static async IAsyncEnumerable<T> Pages<TResponse, T>(Func<string, Task<TResponse>> call, Func<TResponse, (IEnumerable<T> Items, string Next)> read)
    {
        var token = "";
        do
        {
            var (items, next) = read(await call(token));
            foreach (var item in items) yield return item;
            token = next;
        }
        while (token != "");
    }

    /// <summary>The block's name as tokens carry it.</summary>
    public static string? BlockName(Proto.SectorBlock block) => block switch
    {
        Proto.SectorBlock.Economy => "economy",
        Proto.SectorBlock.CultureSociety => "culture_society",
        Proto.SectorBlock.InternalAffairs => "internal_affairs",
        _ => null,
    };

    private static Google.Type.Date ToProto(DateOnly d) => new() { Year = d.Year, Month = d.Month, Day = d.Day };
}

using System.Collections.Concurrent;
using Grpc.Core;
using TuyPhuoc.Evaluation.Domain;
using Plans = TuyPhuoc.Contracts.Plans.V1;

namespace TuyPhuoc.Evaluation.Feeds;

/// <summary>The plan of a year as the evaluation needs it; null when the year has no plan.</summary>
public interface IPlanSource
{
    Task<PlanSnapshot?> GetAsync(int year, CancellationToken ct);

    /// <summary>Forgets a year (or every year) so the next read asks the source again.</summary>
    void Invalidate(int? year = null);
}

/// <summary>Reads plans from IndicatorPlans over gRPC and keeps them until the plans' change feed says they changed.</summary>
public sealed class GrpcPlanSource(Plans.IndicatorPlans.IndicatorPlansClient client) : IPlanSource
{
    private readonly ConcurrentDictionary<int, Lazy<Task<PlanSnapshot?>>> _cache = new();

    public async Task<PlanSnapshot?> GetAsync(int year, CancellationToken ct)
    {
        var entry = _cache.GetOrAdd(year, y => new(() => LoadAsync(y)));
        try
        {
            return await entry.Value.WaitAsync(ct);
        }
        catch (Exception) when (entry.Value.IsFaulted)
        {
            _cache.TryRemove(new(year, entry));
            throw;
        }
    }

    public void Invalidate(int? year = null)
    {
        if (year is { } y) _cache.TryRemove(y, out _);
        else _cache.Clear();
    }

    private async Task<PlanSnapshot?> LoadAsync(int year)
    {
        Plans.Plan plan;
        try
        {
            plan = await client.GetPlanAsync(new Plans.GetPlanRequest { Year = year });
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return null;
        }
        var tree = await client.GetUnitTreeAsync(new Plans.GetUnitTreeRequest { AsOf = new Google.Type.Date { Year = year, Month = 1, Day = 1 } });
        var catalog = new List<Plans.Indicator>();
        var page = "";
        do
        {
            var reply = await client.ListIndicatorsAsync(new Plans.ListIndicatorsRequest { PageSize = 1000, PageToken = page });
            catalog.AddRange(reply.Indicators);
            page = reply.NextPageToken;
        }
        while (page != "");
        return PlanMapping.ToSnapshot(plan, catalog, tree.Root.Unit.Code);
    }
}

/// <summary>From the messages of tuyphuoc.plans.v1 to the evaluation's view of a plan.</summary>
public static class PlanMapping
{
    public static PlanSnapshot ToSnapshot(Plans.Plan plan, IEnumerable<Plans.Indicator> catalog, string districtCode)
    {
        var byCode = catalog.ToDictionary(i => i.Code);
        var indicators = new Dictionary<string, IndicatorPlan>();
        foreach (var target in plan.Targets)
        {
            if (!byCode.TryGetValue(target.IndicatorCode, out var indicator)) continue;
            var info = ToDomain(indicator);
            indicators[info.Code] = new IndicatorPlan(
                info, (decimal)target.DistrictTarget, Quarters(info.Kind, target.Quarters, target.Months),
                [.. target.Allocations.Select(a => new AllocationPlan(a.UnitCode, (decimal)a.YearTarget, Quarters(info.Kind, [], a.Months)))]);
        }
        return new PlanSnapshot(plan.Year, districtCode, indicators);
    }

    public static IndicatorInfo ToDomain(Plans.Indicator i) => new(
        i.Code,
        i.MeasureKind switch
        {
            Plans.MeasureKind.Level => MeasureKind.Level,
            Plans.MeasureKind.Growth => MeasureKind.Growth,
            Plans.MeasureKind.YearEnd => MeasureKind.YearEnd,
            _ => MeasureKind.Cumulative,
        },
        i.Direction == Plans.Direction.LowerIsBetter ? Direction.LowerIsBetter : Direction.HigherIsBetter,
        i.HasBaseline ? (decimal)i.Baseline : null,
        i.Source == Plans.IndicatorSource.Province ? IndicatorSource.Province : IndicatorSource.District,
        BlockName(i.Block),
        i.ResponsibleOfficeCode,
        i.CommuneAllocated);

    public static string BlockName(Plans.SectorBlock block) => block switch
    {
        Plans.SectorBlock.Economy => "economy",
        Plans.SectorBlock.CultureSociety => "culture_society",
        Plans.SectorBlock.InternalAffairs => "internal_affairs",
        _ => "",
    };

    /// <summary>Quarter targets: the given four, else from twelve months (sums for cumulative indicators, the quarter-end level otherwise).</summary>
    public static IReadOnlyList<decimal>? Quarters(MeasureKind kind, IReadOnlyList<double> quarters, IReadOnlyList<double> months)
    {
        if (kind == MeasureKind.YearEnd) return null;
        if (quarters.Count == 4) return [.. quarters.Select(q => (decimal)q)];
        if (months.Count != 12) return null;
        return kind == MeasureKind.Cumulative
            ? [.. Enumerable.Range(0, 4).Select(q => (decimal)months[3 * q] + (decimal)months[3 * q + 1] + (decimal)months[3 * q + 2])]
            : [.. Enumerable.Range(0, 4).Select(q => (decimal)months[3 * q + 2])];
    }
}

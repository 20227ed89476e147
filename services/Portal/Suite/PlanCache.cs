using Microsoft.Extensions.Caching.Memory;
using TuyPhuoc.Contracts.Plans.V1;

namespace TuyPhuoc.Portal.Suite;

/// <summary>
/// What each unit reports in a year, and the units, read from the plans once for everyone for a few minutes: plans
/// are public decisions that change by revision, rarely, so a page does not spend a call on them.
/// </summary>
public sealed class PlanCache(IndicatorPlans.IndicatorPlansClient plans, IMemoryCache cache)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);
    private const int YearsBack = 5;

    /// <summary>What the unit reports in the year by the plan in force on <paramref name="asOf"/> (unset: today).</summary>
    public Task<IReadOnlyList<PlannedIndicator>> AssignmentsAsync(string unit, int year, CallOptions call, DateOnly? asOf = null) =>
        cache.GetOrCreateAsync(("assignments", unit, year, asOf), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Lifetime;
            return (IReadOnlyList<PlannedIndicator>)await Paging.AllAsync(
                token => plans.GetUnitAssignmentsAsync(new GetUnitAssignmentsRequest { UnitCode = unit, Year = year, AsOf = asOf.ToProto(), PageSize = Paging.MaxPageSize, PageToken = token }, call).ResponseAsync,
                page => (page.Assignments.Select(PlannedIndicator.From), page.NextPageToken)).ToListAsync();
        })!;

    /// <summary>The latest year up to this one that has a plan; this year when none of the last few has.</summary>
    public async Task<int> PlanYearAsync(DateOnly today, CallOptions call) =>
        await cache.GetOrCreateAsync("plan-year", async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Lifetime;
            for (var year = today.Year; year > today.Year - YearsBack; year--)
            {
                try
                {
                    await plans.ListTargetsAsync(new ListTargetsRequest { Year = year, PageSize = 1 }, call);
                    return year;
                }
                catch (RpcException e) when (e.StatusCode is StatusCode.NotFound or StatusCode.FailedPrecondition)
                {
                }
            }
            return today.Year;
        });

    /// <summary>The indicator catalog by code: names and units of measure as stored.</summary>
    public Task<IReadOnlyDictionary<string, Indicator>> IndicatorsAsync(CallOptions call) =>
        cache.GetOrCreateAsync("indicators", async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Lifetime;
            return (IReadOnlyDictionary<string, Indicator>)await Paging.AllAsync(
                token => plans.ListIndicatorsAsync(new ListIndicatorsRequest { PageSize = Paging.MaxPageSize, PageToken = token }, call).ResponseAsync,
                page => (page.Indicators, page.NextPageToken)).ToDictionaryAsync(i => i.Code);
        })!;

    /// <summary>The same units by code.</summary>
    public Task<IReadOnlyDictionary<string, Unit>> UnitsByCodeAsync(CallOptions call) =>
        cache.GetOrCreateAsync("units-by-code", async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Lifetime;
            return (IReadOnlyDictionary<string, Unit>)(await UnitsAsync(call)).ToDictionary(u => u.Code);
        })!;

    /// <summary>After a unit is created or closed: the next read asks the plans again.</summary>
    public void ForgetUnits()
    {
        cache.Remove("units");
        cache.Remove("units-by-code");
    }

    /// <summary>After an indicator is created, edited or retired: the next read asks the plans again.</summary>
    public void ForgetIndicators() => cache.Remove("indicators");

    public Task<IReadOnlyList<Unit>> UnitsAsync(CallOptions call) =>
        cache.GetOrCreateAsync("units", async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Lifetime;
            return (IReadOnlyList<Unit>)await Paging.AllAsync(
                token => plans.ListUnitsAsync(new ListUnitsRequest { PageSize = Paging.MaxPageSize, PageToken = token }, call).ResponseAsync,
                page => (page.Units, page.NextPageToken)).ToListAsync();
        })!;
}

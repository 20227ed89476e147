using TuyPhuoc.Contracts.Plans.V1;
using PlanModel = TuyPhuoc.PlanModel;

namespace TuyPhuoc.Portal.Suite;

/// <summary>
/// The plans as the portal's pages read them, from the suite's one plan reader: a year's plan, and the units and indicators,
/// are read once for everyone as the portal itself (plans are public decisions) and kept until the plans' feed says they
/// changed (<see cref="PlanModel.PlanMemoryWatcher"/>).
/// </summary>
public sealed class PlanCache(PlanModel.PlanReader reader, IndicatorPlans.IndicatorPlansClient plans)
{
    private const int YearsBack = 5;

    /// <summary>What the unit reports in the year by the plan in force on <paramref name="asOf"/> (unset: today, and kept).</summary>
    public async Task<IReadOnlyList<PlannedIndicator>> AssignmentsAsync(string unit, int year, CallOptions call, DateOnly? asOf = null)
    {
        if (asOf is null && await reader.GetAsync(year, call.CancellationToken) is { } plan)
            return [.. plan.AssignedTo(unit).Select(a => PlannedIndicator.From(a, plan.Catalog[a.IndicatorCode]))];
        return await Paging.AllAsync(
            token => plans.GetUnitAssignmentsAsync(new GetUnitAssignmentsRequest { UnitCode = unit, Year = year, AsOf = asOf.ToProto(), PageSize = Paging.MaxPageSize, PageToken = token }, call).ResponseAsync,
            page => (page.Assignments.Select(PlannedIndicator.From), page.NextPageToken)).ToListAsync();
    }

    /// <summary>The year's plan in force today, or null when the year has none.</summary>
    public Task<PublishedPlan?> PlanAsync(int year, CallOptions call) => reader.GetAsync(year, call.CancellationToken);

    /// <summary>The latest year up to this one that has a plan; this year when none of the last few has.</summary>
    public async Task<int> PlanYearAsync(DateOnly today, CallOptions call)
    {
        for (var year = today.Year; year > today.Year - YearsBack; year--)
        {
            if (await reader.GetAsync(year, call.CancellationToken) is not null) return year;
        }
        return today.Year;
    }

    /// <summary>The indicator catalog by code: names and units of measure as stored.</summary>
    public async Task<IReadOnlyDictionary<string, Indicator>> IndicatorsAsync(CallOptions call) => (await reader.DirectoryAsync(call.CancellationToken)).Indicators;

    /// <summary>The units in existence today.</summary>
    public async Task<IReadOnlyList<Unit>> UnitsAsync(CallOptions call) => (await reader.DirectoryAsync(call.CancellationToken)).Units;

    /// <summary>The same units by code.</summary>
    public async Task<IReadOnlyDictionary<string, Unit>> UnitsByCodeAsync(CallOptions call) => (await reader.DirectoryAsync(call.CancellationToken)).UnitsByCode;

    /// <summary>The units in existence at any time of a past year, by code: the names of units closed since.</summary>
    public async Task<IReadOnlyDictionary<string, Unit>> UnitsOfYearAsync(int year, CallOptions call) => (await reader.DirectoryAsync(call.CancellationToken, year)).UnitsByCode;

    /// <summary>After the person changed a unit or an indicator: their next page reads it again without waiting for the feed.</summary>
    public void Forget() => reader.Invalidate();
}

using TuyPhuoc.Contracts.Plans.V1;

namespace TuyPhuoc.Portal.Features;

/// <summary>The units of the district: read as they stood on the year's first day and today, created, renamed, and closed or merged from a date.</summary>
public sealed class UnitsReader(IndicatorPlans.IndicatorPlansClient plans, PlanCache cache)
{
    public async Task<UnitsView> ReadAsync(DateOnly today, CallOptions call)
    {
        var units = new List<Unit>();
        foreach (var day in new[] { new DateOnly(today.Year, 1, 1), today }.Distinct())
        {
            units.AddRange(await Paging.AllAsync(
                token => plans.ListUnitsAsync(new ListUnitsRequest { AsOf = day.ToProto(), PageSize = Paging.MaxPageSize, PageToken = token }, call).ResponseAsync,
                page => (page.Units, page.NextPageToken)).ToListAsync());
        }
        return UnitsView.From(today, units);
    }

    public async Task CreateAsync(NewUnit unit, string key, CallOptions call)
    {
        await plans.CreateUnitAsync(new CreateUnitRequest
        {
            Unit = new Unit
            {
                Code = unit.Code.Trim(), Name = unit.Name.Trim(), Kind = unit.Kind, ParentCode = unit.ParentCode, ValidFrom = unit.ValidFrom?.ToProto(),
                Block = unit.Kind == UnitKind.Office ? unit.Block : SectorBlock.Unspecified,
            },
            IdempotencyKey = key,
        }, call);
        cache.Forget();
    }

    public async Task RenameAsync(string code, string name, string key, CallOptions call)
    {
        await plans.RenameUnitAsync(new RenameUnitRequest { Code = code, Name = name, IdempotencyKey = key }, call);
        cache.Forget();
    }

    /// <summary>Closes a unit from a day; <paramref name="mergedInto"/> (empty: none) takes over its work.</summary>
    public async Task CloseAsync(string code, DateOnly? closedFrom, string mergedInto, string key, CallOptions call)
    {
        await plans.CloseUnitAsync(new CloseUnitRequest { Code = code, ClosedFrom = closedFrom?.ToProto(), MergedIntoCode = mergedInto, IdempotencyKey = key }, call);
        cache.Forget();
    }
}

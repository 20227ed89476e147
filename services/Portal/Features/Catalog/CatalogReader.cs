using TuyPhuoc.Contracts.Plans.V1;

namespace TuyPhuoc.Portal.Features;

/// <summary>The indicator catalog through IndicatorPlans: listed, created, edited and retired from a year.</summary>
public sealed class CatalogReader(IndicatorPlans.IndicatorPlansClient plans, PlanCache cache)
{
    public async Task<CatalogView> ReadAsync(CallOptions call)
    {
        var indicators = await Paging.AllAsync(
            token => plans.ListIndicatorsAsync(new ListIndicatorsRequest { PageSize = Paging.MaxPageSize, PageToken = token }, call).ResponseAsync,
            page => (page.Indicators, page.NextPageToken)).ToListAsync();
        var offices = (await cache.UnitsAsync(call)).Where(u => u.Kind == UnitKind.Office)
            .OrderBy(u => u.Name, StringComparer.Create(VietNumber.Culture, false)).Select(u => new NamedCode(u.Code, u.Name));
        return new CatalogView(indicators, [.. offices]);
    }

    public async Task CreateAsync(IndicatorForm form, string key, CallOptions call)
    {
        await plans.CreateIndicatorAsync(new CreateIndicatorRequest { Indicator = form.ToIndicator(), IdempotencyKey = key }, call);
        cache.Forget();
    }

    public async Task UpdateAsync(Indicator stored, IndicatorForm form, string key, CallOptions call)
    {
        await plans.UpdateIndicatorAsync(new UpdateIndicatorRequest { Indicator = form.ToIndicator(stored), IdempotencyKey = key }, call);
        cache.Forget();
    }

    public async Task RetireAsync(string code, int fromYear, string key, CallOptions call)
    {
        await plans.RetireIndicatorAsync(new RetireIndicatorRequest { Code = code, FromYear = fromYear, IdempotencyKey = key }, call);
        cache.Forget();
    }
}

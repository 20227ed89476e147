using Microsoft.Extensions.Primitives;

namespace TuyPhuoc.Portal.Web;

/// <summary>
/// The query values the pages and the forms take (year, quarter, month, block, unit), checked once for every request
/// before any page or form reads them: a bad one answers 400 with what is wrong, in the person's language.
/// </summary>
public static class QueryGuard
{
    private enum Kind { Year, Quarter, Month, Block, Unit }

    // The pages' Vietnamese names and the forms' English ones.
    private static readonly Dictionary<string, Kind> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["nam"] = Kind.Year, ["year"] = Kind.Year, ["quy"] = Kind.Quarter, ["quarter"] = Kind.Quarter,
        ["thang"] = Kind.Month, ["month"] = Kind.Month, ["khoi"] = Kind.Block, ["donvi"] = Kind.Unit,
    };

    public static IApplicationBuilder UseQueryGuard(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (await ProblemOfAsync(http) is { } problem)
        {
            await ErrorPages.WriteAsync(http, StatusCodes.Status400BadRequest, problem);
            return;
        }
        await next(http);
    });

    private static async Task<string?> ProblemOfAsync(HttpContext http)
    {
        if (http.Request.Query.Count == 0) return null;
        var l = http.RequestServices.GetRequiredService<IStringLocalizer<Strings>>();
        foreach (var (name, values) in http.Request.Query)
        {
            if (!Names.TryGetValue(name, out var kind)) continue;
            if (values.Count != 1) return l["Query_Repeated", name];
            var value = values.ToString();
            var problem = kind switch
            {
                Kind.Year => Number(value, PlanCalendar.FirstYear, PlanCalendar.LastYear) ? null : l["Query_Year", PlanCalendar.FirstYear, PlanCalendar.LastYear],
                // 0: the whole year, where a page or form shows a year's ranking.
                Kind.Quarter => Number(value, 0, 4) ? null : l["Query_Quarter"],
                Kind.Month => Number(value, 1, 12) ? null : l["Query_Month"],
                Kind.Block => PublishedPlan.BlockNames.Contains(value) ? null : l["Query_Block"],
                Kind.Unit => await IsUnitAsync(http, value) ? null : l["Query_Unit"],
                _ => null,
            };
            if (problem is not null) return problem;
        }
        return null;
    }

    private static bool Number(StringValues value, int min, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max;

    private static async Task<bool> IsUnitAsync(HttpContext http, string code)
    {
        if (code.Length is 0 or > 100 || code.Any(char.IsControl)) return false;
        try
        {
            var call = await http.RequestServices.GetRequiredService<PortalCalls>().CallAsync(http.RequestAborted);
            return (await http.RequestServices.GetRequiredService<PlanCache>().UnitsByCodeAsync(call)).ContainsKey(code);
        }
        catch (RpcException)
        {
            // The suite is not answering: the page says so itself.
            return true;
        }
    }
}

using Grpc.Core;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using TuyPhuoc.Contracts.Evaluation.V1;
using TuyPhuoc.Contracts.Plans.V1;
using TuyPhuoc.Contracts.Scoring.V1;
using TuyPhuoc.Portal.Auth;
using TuyPhuoc.Portal.Features;
using TuyPhuoc.Portal.Suite;
using TuyPhuoc.Portal.Web;
using TuyPhuoc.ServiceDefaults;

namespace TuyPhuoc.Portal.Forms;

/// <summary>
/// The forms as downloads: each reads the suite through the gateway with the signed-in person's token (the services
/// decide what the person may see) and streams the .xlsx, buffered on disk past a small size rather than in memory.
/// </summary>
public static class FormEndpoints
{
    public const string QuarterReport = "/bieu-mau/bao-cao-quy", Plan = "/bieu-mau/ke-hoach", Month = "/bieu-mau/bao-cao-thang", Ranking = "/bieu-mau/xep-loai";
    // A form reads more than a page does (the quarterly report reads every reporting unit's notes).
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    public static void MapForms(this WebApplication app)
    {
        var forms = app.MapGroup("").RequireRateLimiting(PortalDoors.AnonymousPolicy).RequireAuthorization();
        forms.MapGet(QuarterReport, (int year, int quarter, HttpContext http, Evaluation.EvaluationClient evaluation, IndicatorPlans.IndicatorPlansClient plans,
            OfficeReads reads, PlanCache cache, TimeProvider clock) => AsPersonAsync(http, async (_, call) =>
        {
            var reading = evaluation.GetQuarterReportAsync(new GetQuarterReportRequest { Year = year, Quarter = quarter }, call).ResponseAsync;
            // The plan the quarter was judged against: in force at the quarter's end.
            var plan = await plans.GetPlanAsync(new GetPlanRequest { Year = year, AsOf = Dates.QuarterEnd(year, Math.Clamp(quarter, 1, 4)).ToProto() }, call);
            var (catalog, units) = (await cache.IndicatorsAsync(call), await cache.UnitsByCodeAsync(call));
            var report = await reading;
            var reporters = report.DistrictFigures.Select(f => f.ReportingUnitCode).Concat(report.AllocatedCells.Select(c => c.UnitCode)).Where(u => u.Length > 0).Distinct();
            var actuals = (await reads.ActualsAsync(reporters, year, call)).Values.SelectMany(a => a);
            var source = new QuarterReportSource(report, plan, catalog, units, QuarterReportSource.CausesOf(actuals, quarter, catalog, units), Today(clock));
            return Workbook(QuarterReportForm.FileName(year, quarter), output => QuarterReportForm.Write(output, source));
        }));

        forms.MapGet(Plan, (int year, HttpContext http, Features.PlanReader reader, IStringLocalizer<Strings> l) => AsPersonAsync(http, async (_, call) =>
        {
            var view = await reader.ReadAsync(year, call);
            return view.Plan is null ? Results.Problem(l["Forms_NoPlan", year], statusCode: StatusCodes.Status404NotFound)
                : Workbook(PlanWorkbook.FileName(year), output => PlanWorkbook.Write(output, view));
        }));

        forms.MapGet(Month, (int year, int month, HttpContext http, MonthReader reader, IStringLocalizer<Strings> l) =>
            AsPersonAsync(http, async (person, call) =>
            {
                if (!person.Reports || month is < 1 or > 12) return Results.Problem(l["ProblemForbidden"], statusCode: StatusCodes.Status403Forbidden);
                var view = await reader.ReadAsync(person.Unit!, year, month, default, call);
                return Workbook(MonthWorkbook.FileName(person.Unit!, year, month), output => MonthWorkbook.Write(output, view));
            }));

        forms.MapGet(Ranking, (int year, int? quarter, HttpContext http, EmulationScoring.EmulationScoringClient scoring, PlanCache cache, TimeProvider clock) =>
            AsPersonAsync(http, async (_, call) =>
            {
                var final = false;
                var entries = await Paging.AllAsync(
                    token => scoring.ListRankingAsync(new ListRankingRequest { Year = year, Quarter = quarter ?? 0, PageSize = Paging.MaxPageSize, PageToken = token }, call).ResponseAsync,
                    page => { final = page.Final; return (page.Entries, page.NextPageToken); }).ToListAsync();
                var units = await cache.UnitsByCodeAsync(call);
                return Workbook(RankingForm.FileName(year, quarter ?? 0), output => RankingForm.Write(output, entries, year, quarter ?? 0, final, units, Today(clock)));
            }));
    }

    private static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);

    /// <summary>The workbook written into a buffer that spills to disk, then sent: the headers go out only once it is whole.</summary>
    private static IResult Workbook(string fileName, Action<Stream> write) => Results.Stream(async body =>
    {
        await using var buffer = new FileBufferingWriteStream();
        write(buffer);
        await buffer.DrainBufferAsync(body);
    }, Xlsx.ContentType, fileName);

    /// <summary>Runs <paramref name="work"/> with the signed-in person's call options; a refusal of the suite is said in the person's language.</summary>
    private static async Task<IResult> AsPersonAsync(HttpContext http, Func<Person, CallOptions, Task<IResult>> work)
    {
        var vault = http.RequestServices.GetRequiredService<TokenVault>();
        if (Person.Of(http.User) is not { } person || vault.TokenOf(person.SessionId) is not { } token)
        {
            return Results.LocalRedirect($"{PortalSignIn.SignInPath}?returnUrl={Uri.EscapeDataString(http.Request.Path + http.Request.QueryString)}");
        }
        try
        {
            return await work(person, SuiteSession.Bearer(token, http.RequestAborted).WithDeadline(DateTime.UtcNow + Deadline));
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Unauthenticated)
        {
            return Results.LocalRedirect($"{PortalSignIn.SignInPath}?returnUrl={Uri.EscapeDataString(http.Request.Path + http.Request.QueryString)}");
        }
        catch (RpcException e)
        {
            var problem = Problems.Of(e, http.RequestServices.GetRequiredService<IStringLocalizer<Strings>>());
            return Results.Problem(problem.Message, statusCode: e.StatusCode switch
            {
                StatusCode.PermissionDenied => StatusCodes.Status403Forbidden,
                StatusCode.NotFound => StatusCodes.Status404NotFound,
                StatusCode.InvalidArgument or StatusCode.FailedPrecondition => StatusCodes.Status400BadRequest,
                _ => StatusCodes.Status503ServiceUnavailable,
            });
        }
    }
}

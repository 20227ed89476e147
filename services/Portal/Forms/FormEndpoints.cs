using Microsoft.AspNetCore.WebUtilities;
using TuyPhuoc.Contracts.Evaluation.V1;
using TuyPhuoc.Contracts.Plans.V1;
using TuyPhuoc.Contracts.Scoring.V1;
using TuyPhuoc.Portal.Features;
using TuyPhuoc.Portal.Web;

namespace TuyPhuoc.Portal.Forms;

/// <summary>
/// The forms as downloads: each reads the suite through the gateway with the signed-in person's token (the services
/// decide what the person may see) and streams the .xlsx, buffered on disk past a small size rather than in memory.
/// </summary>
public static class FormEndpoints
{
    public const string QuarterReport = "/bieu-mau/bao-cao-quy", Plan = "/bieu-mau/ke-hoach", Month = "/bieu-mau/bao-cao-thang", Ranking = "/bieu-mau/xep-loai",
        Announcement = "/bieu-mau/thong-bao", Block = "/bieu-mau/khoi";
    // A form reads more than a page does (the quarterly report reads every reporting unit's notes).
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    public static void MapForms(this WebApplication app)
    {
        var forms = app.MapGroup("").RequireRateLimiting(PortalDoors.AnonymousPolicy).RequireAuthorization();
        forms.MapGet(QuarterReport, (int year, int quarter, HttpContext http, QuarterReportReader reader) => AsPersonAsync(http, async (_, call) =>
        {
            var view = await reader.ReadAsync(year, quarter, call);
            return Workbook(QuarterReportWorkbook.FileName(year, quarter), output => QuarterReportWorkbook.Write(output, view));
        }));

        forms.MapGet(Announcement, (int year, int quarter, int version, HttpContext http, AnnouncementsReader reader) => AsPersonAsync(http, async (_, call) =>
        {
            var (line, report) = await reader.IssuedAsync(year, quarter, version, call);
            return Workbook(QuarterReportWorkbook.FileName(year, quarter, line.Version), output => QuarterReportWorkbook.Write(output, report));
        }));

        forms.MapGet(Block, (int year, int quarter, string? block, HttpContext http, BlockReader reader, DistrictClock clock) => AsPersonAsync(http, async (person, call) =>
        {
            var view = await reader.ReadAsync(person.Role == Roles.BlockLeader ? person.Block ?? "" : block ?? "", year, quarter, call);
            return Workbook(BlockWorkbook.FileName(view), output => BlockWorkbook.Write(output, view, clock.Today));
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

        forms.MapGet(Ranking, (int year, int? quarter, string? block, HttpContext http, RankingReader reader, DistrictClock clock) => AsPersonAsync(http, async (_, call) =>
        {
            var view = await reader.ReadAsync(year, quarter ?? 0, block, call);
            return Workbook(RankingWorkbook.FileName(view), output => RankingWorkbook.Write(output, view, clock.Today));
        }));
    }


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

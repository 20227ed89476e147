using Grpc.Core;
using Grpc.Net.Client;
using TuyPhuoc.Contracts.DevTokens.V1;
using TuyPhuoc.Contracts.Plans.V1;
using TuyPhuoc.Contracts.Submissions.V1;
using Date = Google.Type.Date;

namespace TuyPhuoc.Harness;

public sealed record DemoActual(string UnitCode, string IndicatorCode, int Month, double Value, string Note);

/// <param name="ReturnedWith">When set, the office first returns the report with this reason and the unit sends it again two days later.</param>
public sealed record DemoReport(string UnitCode, int Month, DateOnly ReceivedOn, bool Approved, string? ReturnedWith = null);

public sealed record DemoData(IReadOnlyList<DemoActual> Actuals, IReadOnlyList<DemoReport> Reports);

public sealed record DemoSummary(int Actuals, int Reports, int Approved, int Late, string EscalationId);

/// <summary>
/// Demo data of the source case: January to June 2024 for the seeded plan, sent through the public API the way the
/// units and the Finance-Planning office would. The values follow each indicator's phased plan at a chosen pace, so
/// that the half-year picture comes out of the evaluation rules as in the district's report: of the 17
/// province-assigned indicators 12 reach half the year's plan by June and 5 do not; of the 17 district-added ones
/// the 10 judged quarterly are achieved and the 7 others wait for year-end. Idempotency keys are deterministic, so a
/// rerun stores nothing new.
/// </summary>
public static class DemoActuals
{
    public const int Year = 2024, LastMonth = 6, DeadlineDay = 10;

    /// <summary>How a unit's values follow its phased targets.</summary>
    private abstract record Path;
    /// <summary>Monthly amounts at <paramref name="K"/> times the phased amount (cumulative indicators).</summary>
    private sealed record Pace(double K) : Path;
    /// <summary>Levels that close a share of the remaining gap between the month's target and the year's: ahead of plan.</summary>
    private sealed record Ahead(double Gap) : Path;
    /// <summary>Levels that cover only a share of the planned way from the baseline (or zero): behind plan.</summary>
    private sealed record Behind(double K) : Path;

    private const string LandNote = "Thị trường bất động sản trầm lắng; nhiều phiên đấu giá quyền sử dụng đất không có người tham gia.";
    private const string DisbursementNote = "Vướng mắc bồi thường, giải phóng mặt bằng; một số dự án chậm hoàn thiện thủ tục đầu tư.";
    private const string RuralNote = "Các xã đang hoàn thiện hồ sơ đề nghị công nhận; dự kiến thẩm định vào quý IV.";
    private const string SchoolNote = "Hai trường đang chờ kiểm tra công nhận; thiếu kinh phí sửa chữa phòng học, công trình vệ sinh.";
    private const string ForestNote = "Mùa trồng rừng tập trung vào mùa mưa (tháng 9 - 12); diện tích trồng mới 6 tháng đầu năm còn ít.";

    // Province-assigned (CT01-CT17): 12 at 50% of the year's plan or more by June, 5 below.
    // District-added (CT18-CT34): the 10 judged quarterly ahead of their phased targets; the 7 year-end ones get no values.
    private static readonly Dictionary<string, (Path Path, string Note)> Paths = new()
    {
        ["CT01"] = (new Ahead(0.3), ""),
        ["CT02"] = (new Pace(1.02), ""),
        ["CT03"] = (new Pace(1.12), ""),
        ["CT04"] = (new Pace(0.62), LandNote),
        ["CT05"] = (new Behind(0.84), DisbursementNote),
        ["CT06"] = (new Behind(0), RuralNote),
        ["CT07"] = (new Ahead(0.4), ""),
        ["CT08"] = (new Pace(1.08), ""),
        ["CT09"] = (new Ahead(0.4), ""),
        ["CT10"] = (new Ahead(0.6), ""),
        ["CT11"] = (new Ahead(0.4), ""),
        ["CT12"] = (new Ahead(0.4), ""),
        ["CT13"] = (new Behind(0.5), SchoolNote),
        ["CT14"] = (new Ahead(0.4), ""),
        ["CT15"] = (new Behind(0.6), ForestNote),
        ["CT16"] = (new Pace(1.0), ""),
        ["CT17"] = (new Ahead(0.4), ""),
        ["CT20"] = (new Ahead(0.4), ""),
        ["CT21"] = (new Pace(1.04), ""),
        ["CT22"] = (new Pace(1.05), ""),
        ["CT23"] = (new Pace(1.1), ""),
        ["CT25"] = (new Pace(1.06), ""),
        ["CT27"] = (new Pace(1.1), ""),
        ["CT28"] = (new Ahead(0.4), ""),
        ["CT31"] = (new Ahead(0.4), ""),
        ["CT32"] = (new Ahead(0.3), ""),
        ["CT33"] = (new Pace(0.7), ""),
    };

    // A few reports reach the office after the deadline (days late), one is returned once, a few June ones await approval.
    private static readonly Dictionary<(string Unit, int Month), int> LateBy = new()
    {
        [("PHUOC_SON", 2)] = 4, [("Y_TE", 3)] = 1, [("PHUOC_AN", 4)] = 3, [("KT_HT", 5)] = 7, [("PHUOC_THANH", 6)] = 2,
    };
    private static readonly Dictionary<(string Unit, int Month), string> Returned = new()
    {
        [("PHUOC_HOA", 3)] = "Số liệu thu ngân sách chưa khớp với báo cáo của Chi cục Thuế; đề nghị rà soát lại.",
    };
    private static readonly HashSet<(string Unit, int Month)> AwaitingApproval = [("PHUOC_SON", 6), ("NONG_NGHIEP", 6), ("PHUOC_THANH", 6)];

    /// <summary>The actuals and reports of January to June for the units' assignments of the year. Pure and deterministic.</summary>
    public static DemoData Plan(IEnumerable<GetUnitAssignmentsResponse> units)
    {
        var actuals = new List<DemoActual>();
        var reports = new List<DemoReport>();
        foreach (var unit in units.OrderBy(u => u.UnitCode, StringComparer.Ordinal))
        {
            var reported = unit.Assignments.Where(a => a.Indicator.MeasureKind != MeasureKind.YearEnd && a.Months.Count == 12)
                .OrderBy(a => a.Indicator.Code, StringComparer.Ordinal).ToList();
            if (reported.Count == 0) continue;
            for (var month = 1; month <= LastMonth; month++)
            {
                foreach (var a in reported)
                {
                    var (path, note) = Paths.GetValueOrDefault(a.Indicator.Code,
                        (a.Indicator.MeasureKind == MeasureKind.Cumulative ? new Pace(1) : new Ahead(0.2), ""));
                    actuals.Add(new(unit.UnitCode, a.Indicator.Code, month, Value(a, path, month), month % 3 == 0 ? note : ""));
                }
                var deadline = new DateOnly(Year, month, 1).AddMonths(1).AddDays(DeadlineDay - 1);
                var receivedOn = LateBy.TryGetValue((unit.UnitCode, month), out var late)
                    ? deadline.AddDays(late)
                    : deadline.AddDays(-(int)(StableHash($"{unit.UnitCode}/{month}") % 8));
                reports.Add(new(unit.UnitCode, month, receivedOn, !AwaitingApproval.Contains((unit.UnitCode, month)),
                    Returned.GetValueOrDefault((unit.UnitCode, month))));
            }
        }
        return new(actuals, reports);
    }

    private static double Value(Assignment a, Path path, int month)
    {
        var target = a.Months[month - 1];
        var step = Math.Pow(10, -Decimals(a));
        var lowerIsBetter = a.Indicator.Direction == Direction.LowerIsBetter;
        double raw;
        Func<double, double> round = v => Math.Round(v / step, MidpointRounding.AwayFromZero) * step;
        switch (path)
        {
            case Pace(var k):
                raw = target * k;
                // Counts stay whole: round towards the side the pace is on, so an amount ahead of plan never falls below it.
                if (lowerIsBetter) round = v => Math.Floor(v / step + 1e-9) * step;
                else if (k >= 1) round = v => Math.Ceiling(v / step - 1e-9) * step;
                break;
            case Ahead(var gap):
                raw = target + gap * (a.YearTarget - target);
                break;
            case Behind(var k):
                var origin = a.Indicator.HasBaseline && a.DistrictFigure ? a.Indicator.Baseline : 0;
                raw = origin + k * (target - origin);
                break;
            default:
                throw new InvalidOperationException($"Unknown path {path}.");
        }
        var value = Math.Round(round(raw), 6);
        var range = a.Indicator.Range;
        return range is null ? Math.Max(0, value) : Math.Clamp(value, range.Min, range.Max);
    }

    /// <summary>The decimals the plan uses for the assignment (at most two): values are reported with the same precision.</summary>
    private static int Decimals(Assignment a) =>
        a.Months.Append(a.YearTarget).Max(v => Enumerable.Range(0, 3).FirstOrDefault(d => Math.Abs(v * Math.Pow(10, d) - Math.Round(v * Math.Pow(10, d))) < 1e-6, 2));

    private static uint StableHash(string text) => text.Aggregate(2166136261u, (h, c) => (h ^ c) * 16777619u);

    /// <summary>Loads the demo through the gateway: a planning-office token, the 2024 plan, then month by month the units' actuals and reports.</summary>
    public static async Task<DemoSummary> LoadAsync(GrpcChannel gateway, TextWriter? log, CancellationToken ct)
    {
        var tokens = new DevTokens.DevTokensClient(gateway);
        var plans = new IndicatorPlans.IndicatorPlansClient(gateway);
        var submissions = new Submissions.SubmissionsClient(gateway);
        var office = await TokenAsync(tokens, "planning_office", null, ct);

        var units = await Retry(() => plans.ListUnitsAsync(new ListUnitsRequest { AsOf = D(new DateOnly(Year, 6, 30)), PageSize = 1000 }, Call(office, ct)).ResponseAsync, ct);
        var assignments = new List<GetUnitAssignmentsResponse>();
        foreach (var unit in units.Units)
        {
            assignments.Add(await Retry(() => plans.GetUnitAssignmentsAsync(
                new GetUnitAssignmentsRequest { UnitCode = unit.Code, Year = Year, PageSize = 1000 }, Call(office, ct)).ResponseAsync, ct));
        }
        var data = Plan(assignments);
        log?.WriteLine($"Demo {Year}: {data.Actuals.Count} actuals and {data.Reports.Count} reports of {data.Reports.Select(r => r.UnitCode).Distinct().Count()} units.");

        await Retry(() => submissions.SetDeadlinesAsync(new SetDeadlinesRequest
        {
            Year = Year, DayOfFollowingMonth = DeadlineDay, IdempotencyKey = $"demo-{Year}-deadlines",
        }, Call(office, ct)).ResponseAsync, ct);

        var reporterTokens = new Dictionary<string, string>();
        foreach (var unit in data.Reports.Select(r => r.UnitCode).Append("PHUOC_LOC").Distinct())
        {
            reporterTokens[unit] = await TokenAsync(tokens, "unit_reporter", unit, ct);
        }

        for (var month = 1; month <= LastMonth; month++)
        {
            await Parallel.ForEachAsync(data.Actuals.Where(a => a.Month == month), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct },
                async (a, token) => await Retry(() => submissions.SubmitActualAsync(new SubmitActualRequest
                {
                    UnitCode = a.UnitCode, IndicatorCode = a.IndicatorCode, Year = Year, Month = a.Month, Value = a.Value, Note = a.Note,
                    IdempotencyKey = $"demo-{Year}-actual-{a.UnitCode}-{a.IndicatorCode}-{a.Month}",
                }, Call(reporterTokens[a.UnitCode], token)).ResponseAsync, token));

            await Parallel.ForEachAsync(data.Reports.Where(r => r.Month == month), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct },
                async (r, token) => await SendReportAsync(submissions, office, r, token));
            log?.WriteLine($"  {Year}-{month:00}: actuals and reports sent.");
        }

        var escalation = await Retry(() => submissions.RaiseEscalationAsync(new RaiseEscalationRequest
        {
            UnitCode = "PHUOC_LOC",
            Year = Year,
            IndicatorCodes = { "CT04", "CT05" },
            Title = "Vướng mắc bồi thường, giải phóng mặt bằng các khu đất đấu giá quyền sử dụng đất",
            Description = "Một số hộ dân chưa đồng thuận phương án bồi thường tại khu dân cư Lộc Thượng; vượt thẩm quyền của xã, "
                + "đề nghị huyện chỉ đạo Phòng Tài nguyên và Môi trường, Trung tâm Phát triển quỹ đất phối hợp giải quyết.",
            IdempotencyKey = $"demo-{Year}-escalation-PHUOC_LOC-land",
        }, Call(reporterTokens["PHUOC_LOC"], ct)).ResponseAsync, ct);

        return new DemoSummary(data.Actuals.Count, data.Reports.Count, data.Reports.Count(r => r.Approved), LateBy.Count, escalation.Id);
    }

    private static async Task SendReportAsync(Submissions.SubmissionsClient submissions, string office, DemoReport r, CancellationToken ct)
    {
        var key = $"demo-{Year}-report-{r.UnitCode}-{r.Month}";
        await Retry(() => submissions.SubmitReportAsync(new SubmitReportRequest
        {
            UnitCode = r.UnitCode, Year = Year, Month = r.Month, ReceivedOn = D(r.ReceivedOn), IdempotencyKey = $"{key}-sent",
        }, Call(office, ct)).ResponseAsync, ct);
        if (r.ReturnedWith is { } reason)
        {
            await Retry(() => submissions.ReturnReportAsync(new ReturnReportRequest
            {
                UnitCode = r.UnitCode, Year = Year, Month = r.Month, Reason = reason, IdempotencyKey = $"{key}-returned",
            }, Call(office, ct)).ResponseAsync, ct);
            await Retry(() => submissions.SubmitReportAsync(new SubmitReportRequest
            {
                UnitCode = r.UnitCode, Year = Year, Month = r.Month, ReceivedOn = D(r.ReceivedOn.AddDays(2)), IdempotencyKey = $"{key}-sent-again",
            }, Call(office, ct)).ResponseAsync, ct);
        }
        if (r.Approved)
        {
            await Retry(() => submissions.ApproveReportAsync(new ApproveReportRequest
            {
                UnitCode = r.UnitCode, Year = Year, Month = r.Month, IdempotencyKey = $"{key}-approved",
            }, Call(office, ct)).ResponseAsync, ct);
        }
    }

    private static async Task<string> TokenAsync(DevTokens.DevTokensClient tokens, string role, string? unit, CancellationToken ct) =>
        (await Retry(() => tokens.IssueTokenAsync(new IssueTokenRequest { Role = role, Unit = unit ?? "", Subject = $"demo:{role}:{unit}".TrimEnd(':') },
            deadline: DateTime.UtcNow.AddSeconds(30), cancellationToken: ct).ResponseAsync, ct)).AccessToken;

    private static CallOptions Call(string token, CancellationToken ct) =>
        new(new Metadata { { "Authorization", $"Bearer {token}" } }, DateTime.UtcNow.AddSeconds(30), ct);

    /// <summary>Retries what the gateway's rate limit or a restarting service refuses for now.</summary>
    private static async Task<T> Retry<T>(Func<Task<T>> call, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try { return await call(); }
            catch (RpcException e) when (attempt < 8 && e.StatusCode is StatusCode.ResourceExhausted or StatusCode.Unavailable)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250 * attempt), ct);
            }
        }
    }

    private static Date D(DateOnly d) => new() { Year = d.Year, Month = d.Month, Day = d.Day };
}

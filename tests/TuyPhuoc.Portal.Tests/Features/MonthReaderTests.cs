using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using TuyPhuoc.Contracts.Plans.V1;
using TuyPhuoc.Contracts.Submissions.V1;
using TuyPhuoc.Portal.Features;
using TuyPhuoc.Portal.Forms;
using TuyPhuoc.Portal.Suite;
using static TuyPhuoc.Portal.Tests.Features.FakeSuite;

namespace TuyPhuoc.Portal.Tests.Features;

/// <summary>
/// Phước Thắng's 2024, its plan revised in mid-year: decision 2 from 1 July raises grain to 150.000 tonnes (July to
/// December phased anew); insurance stays. The unit reported grain May to August and insurance in June and August.
/// </summary>
internal static class RevisedYear
{
    public const string Unit = "PHUOC_THANG";
    public static readonly DateOnly Revised = new(2024, 7, 1);
    public static Unit[] Units { get; } = [FakeSuite.Unit(Unit, "Xã Phước Thắng", UnitKind.Commune)];

    public static PlannedIndicator Grain(DateOnly asOf) => asOf < Revised ? Lines.Grain
        : Lines.Grain with { YearTarget = 150_000, Months = [1_234.5, 1_400, 2_800, 42_000, 25_200, 2_800, 6_000, 27_000, 25_000, 3_000, 4_500, 4_500] };

    public static ActualRevision Actual(string code, int month, double value, string note = "", string solutions = "") => new()
    {
        UnitCode = Unit, IndicatorCode = code, Year = 2024, Month = month, Value = value, Note = note, Solutions = solutions, Revision = 1,
        RecordedAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2024, month, 28, 2, 0, 0, TimeSpan.Zero)), RecordedBy = "unit_reporter:PHUOC_THANG",
    };

    public static ActualRevision[] Actuals { get; } =
    [
        Actual("CT02", 5, 25_000), Actual("CT02", 6, 2_750.5, "Mưa lớn cuối vụ"), Actual("CT10", 6, 93.1),
        Actual("CT02", 7, 4_000, "Ước thực hiện"), Actual("CT02", 8, 5_000, "Thu hoạch rộ", "Huy động máy gặt đập liên hợp"), Actual("CT10", 8, 93.4, "Tăng nhờ vận động"),
    ];

    public static IStringLocalizer<Strings> L { get; } = new ServiceCollection().AddLogging().AddLocalization(o => o.ResourcesPath = "Resources")
        .BuildServiceProvider().GetRequiredService<IStringLocalizer<Strings>>();

    static RevisedYear() => CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>The plans: the unit's assignments as they stood on the date asked (today, unasked: the revised plan).</summary>
    public sealed class Plans() : PlansClient(Units, [])
    {
        public List<GetUnitAssignmentsRequest> Asked { get; } = [];

        public override AsyncUnaryCall<GetUnitAssignmentsResponse> GetUnitAssignmentsAsync(GetUnitAssignmentsRequest request, CallOptions options)
        {
            Asked.Add(request);
            var asOf = request.AsOf is { } d ? new DateOnly(d.Year, d.Month, d.Day) : new DateOnly(2024, 12, 31);
            return Answer(new GetUnitAssignmentsResponse { UnitCode = request.UnitCode, Year = request.Year, Assignments = { Of(Grain(asOf)), Of(Lines.Insurance) } });
        }

        private static Assignment Of(PlannedIndicator p) => new()
        {
            Indicator = new Indicator { Code = p.Code, Name = p.Name, UnitOfMeasure = p.UnitOfMeasure, MeasureKind = p.Kind },
            YearTarget = p.YearTarget, Quarters = { p.Quarters }, Months = { p.Months },
        };
    }

    /// <summary>Submissions: the year's actuals two to a page, the month's report, and the writes the month's form makes.</summary>
    public sealed class Month : Submissions.SubmissionsClient
    {
        public List<ListActualsRequest> Listed { get; } = [];
        public List<GetReportRequest> Reports { get; } = [];
        public List<SubmitActualRequest> Submitted { get; } = [];
        public List<SubmitReportRequest> Sent { get; } = [];
        public List<ImportActualsRequest> Imported { get; } = [];
        public Func<SubmitActualRequest, RpcException?> Refuse { get; init; } = _ => null;
        public ImportActualsResponse ImportAnswer { get; init; } = new();

        public override AsyncUnaryCall<ListActualsResponse> ListActualsAsync(ListActualsRequest request, CallOptions options)
        {
            Listed.Add(request);
            var from = request.PageToken.Length == 0 ? 0 : int.Parse(request.PageToken, CultureInfo.InvariantCulture);
            var page = new ListActualsResponse { Actuals = { Actuals.Skip(from).Take(2) } };
            if (from + 2 < Actuals.Length) page.NextPageToken = (from + 2).ToString(CultureInfo.InvariantCulture);
            return Answer(page);
        }

        public override AsyncUnaryCall<Report> GetReportAsync(GetReportRequest request, CallOptions options)
        {
            Reports.Add(request);
            return Answer(new Report { UnitCode = request.UnitCode, Year = request.Year, Month = request.Month, Status = ReportStatus.Draft });
        }

        public override AsyncUnaryCall<ActualRevision> SubmitActualAsync(SubmitActualRequest request, CallOptions options)
        {
            lock (Submitted) Submitted.Add(request);
            return Refuse(request) is { } refused ? Refuse<ActualRevision>(refused)
                : Answer(new ActualRevision { UnitCode = request.UnitCode, IndicatorCode = request.IndicatorCode, Year = request.Year, Month = request.Month, Value = request.Value,
                    Note = request.Note, Revision = request.ExpectedRevision + 1, RecordedAt = Timestamp.FromDateTime(DateTime.UnixEpoch), RecordedBy = "unit_reporter:PHUOC_THANG" });
        }

        public override AsyncUnaryCall<Report> SubmitReportAsync(SubmitReportRequest request, CallOptions options)
        {
            Sent.Add(request);
            return Answer(new Report { UnitCode = request.UnitCode, Year = request.Year, Month = request.Month, Status = ReportStatus.Submitted });
        }

        public override AsyncUnaryCall<ListRevisionsResponse> ListRevisionsAsync(ListRevisionsRequest request, CallOptions options) =>
            Answer(new ListRevisionsResponse { Revisions = { Actuals.Where(a => a.IndicatorCode == request.IndicatorCode && a.Month == request.Month) } });

        public override AsyncClientStreamingCall<ImportActualsRequest, ImportActualsResponse> ImportActuals(CallOptions options) =>
            new(new Recorder(Imported), Task.FromResult(ImportAnswer), Task.FromResult(new Metadata()), () => Grpc.Core.Status.DefaultSuccess, () => [], () => { });

        private sealed class Recorder(List<ImportActualsRequest> into) : IClientStreamWriter<ImportActualsRequest>
        {
            public WriteOptions? WriteOptions { get; set; }
            public Task WriteAsync(ImportActualsRequest message) { into.Add(message); return Task.CompletedTask; }
            public Task CompleteAsync() => Task.CompletedTask;
        }
    }

    private static AsyncUnaryCall<T> Refuse<T>(RpcException e) =>
        new(Task.FromException<T>(e), Task.FromResult(new Metadata()), () => e.Status, () => [], () => { });

    /// <summary>A refusal as the services give one: InvalidArgument with the field and its reason.</summary>
    public static RpcException Invalid(string field, string reason) => new Google.Rpc.Status
    {
        Code = (int)Code.InvalidArgument, Message = "invalid",
        Details = { Any.Pack(new BadRequest { FieldViolations = { new BadRequest.Types.FieldViolation { Field = field, Description = reason } } }) },
    }.ToRpcException();
}

public sealed class MonthReaderTests
{
    private static readonly CallOptions Call = new();
    private static readonly DateOnly December = new(2026, 12, 1);
    private readonly RevisedYear.Plans _plans = new();

    private MonthReader Reader(RevisedYear.Month submissions) => new(submissions, Plans([], client: _plans), RevisedYear.L);

    [Fact]
    public async Task Read_NoMonthAsked_TheMonthAfterTheLastReported_EveryPageFollowed_ThePlanInForceAtItsEnd()
    {
        var submissions = new RevisedYear.Month();

        var view = await Reader(submissions).ReadAsync(RevisedYear.Unit, 2024, null, December, Call);

        Assert.Equal(["", "2", "4"], submissions.Listed.Select(r => r.PageToken));
        Assert.Equal((9, "Xã Phước Thắng"), (view.Month, view.UnitName));
        Assert.Equal(new Google.Type.Date { Year = 2024, Month = 9, Day = 30 }, Assert.Single(_plans.Asked).AsOf);
        Assert.Equal(9, Assert.Single(submissions.Reports).Month);
        Assert.Equal(ReportStatus.Draft, view.Report.Status);
        var grain = view.Rows[0];
        Assert.Equal((150_000d, 25_000d), (grain.Indicator.YearTarget, grain.Indicator.MonthTarget(9)!.Value));
        Assert.Equal((5_000d, 36_750.5, (Cell?)null), (grain.LastMonth!.Value, grain.BeforeMonth!.Value, grain.Stored));
    }

    [Fact]
    public async Task Read_AMonthBeforeTheRevision_ItsOwnPlan_LastMonthYearSoFarAndTheMonthsNote()
    {
        var view = await Reader(new RevisedYear.Month()).ReadAsync(RevisedYear.Unit, 2024, 6, December, Call);

        Assert.Equal(new Google.Type.Date { Year = 2024, Month = 6, Day = 30 }, Assert.Single(_plans.Asked).AsOf);
        Assert.Equal(["CT02", "CT10"], view.Rows.Select(r => r.Indicator.Code));
        var (grain, insurance) = (view.Rows[0], view.Rows[1]);
        Assert.Equal((140_000d, 2_800d), (grain.Indicator.YearTarget, grain.Indicator.MonthTarget(6)!.Value));
        Assert.Equal((25_000d, 25_000d, 2_750.5, "Mưa lớn cuối vụ"), (grain.LastMonth!.Value, grain.BeforeMonth!.Value, grain.Stored!.Value, grain.Stored.Note));
        Assert.Equal(27_750.5, grain.YearToDate);
        // A level: the year so far is the latest value.
        Assert.Equal((null, null, 93.1), (insurance.LastMonth, insurance.BeforeMonth, insurance.YearToDate));
    }

    [Fact]
    public async Task Store_OnlyTheChangedLines_OnTheirRevision_ARefusedOneKeepsItsTextWithTheReasonBesideIt()
    {
        var submissions = new RevisedYear.Month { Refuse = r => r.IndicatorCode == "CT10" ? RevisedYear.Invalid("value", "must lie between 0 and 100") : null };
        var reader = Reader(submissions);
        var view = await reader.ReadAsync(RevisedYear.Unit, 2024, 8, December, Call);
        var lines = view.Rows.Select(r => new MonthLine(r)).ToList();
        lines[0].Text = "5.250,5";
        lines[1].Text = "120";

        var (stored, refused) = await reader.StoreAsync(view, lines, "form1", Call);

        Assert.Equal((1, 1), (stored, refused));
        var grain = submissions.Submitted.Single(s => s.IndicatorCode == "CT02");
        Assert.Equal((5_250.5, "Thu hoạch rộ", 1, 8, RevisedYear.Unit), (grain.Value, grain.Note, grain.ExpectedRevision, grain.Month, grain.UnitCode));
        Assert.Equal((2, 25_000 + 2_750.5 + 4_000 + 5_250.5), (lines[0].Row.Stored!.Revision, lines[0].Row.YearToDate!.Value));
        Assert.Equal(("120", "Phải nằm trong khoảng từ 0 đến 100."), (lines[1].Text, lines[1].ValueError));
    }

    [Fact]
    public async Task SendAndHistory_TheViewsMonth()
    {
        var submissions = new RevisedYear.Month();
        var reader = Reader(submissions);
        var view = await reader.ReadAsync(RevisedYear.Unit, 2024, 8, December, Call);

        var report = await reader.SendAsync(view, "portal-report-k", Call);
        var history = await reader.HistoryAsync(view, "CT02", Call);

        Assert.Equal(ReportStatus.Submitted, report.Status);
        Assert.Equal(("portal-report-k", 8, 2024), (submissions.Sent[0].IdempotencyKey, submissions.Sent[0].Month, submissions.Sent[0].Year));
        Assert.Equal([(5_000d, "Thu hoạch rộ")], history.Select(c => (c.Value, c.Note)));
    }

    [Fact]
    public async Task Import_TheFilledForm_TheChangedRowsInOneBatch_TheServicesRefusalsAtTheirCells()
    {
        var submissions = new RevisedYear.Month { ImportAnswer = new ImportActualsResponse { Errors = { new RowError { Row = 1, Field = "note", Reason = "is longer than 4000 characters" } } } };
        var reader = Reader(submissions);
        var view = await reader.ReadAsync(RevisedYear.Unit, 2024, 8, December, Call);
        using var form = new MemoryStream();
        MonthWorkbook.Write(form, view);
        var filled = Filled.In(form.ToArray(), MonthWorkbook.Sheet, ("J13", "Thu hoạch rộ, ước tính"), ("I14", 93.6));

        var import = await reader.ImportAsync(view, new UploadedWorkbook(Xlsx.Read(new MemoryStream(filled)), "abc"), Call);

        var batch = Assert.Single(submissions.Imported);
        Assert.Equal("portal-xlsx-PHUOC_THANG-2024-8-abc", batch.BatchIdempotencyKey);
        Assert.Equal([("CT02", 5_000d, "Thu hoạch rộ, ước tính"), ("CT10", 93.6, "Tăng nhờ vận động")], batch.Rows.Select(r => (r.IndicatorCode, r.Value, r.Note)));
        Assert.Equal(["BaoCaoThang!J13: Dài quá 4000 ký tự."], import.Errors.Select(e => e.ToString()));
    }
}

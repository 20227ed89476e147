using Grpc.Core;
using TuyPhuoc.Contracts.Plans.V1;
using TuyPhuoc.Contracts.Submissions.V1;
using TuyPhuoc.Portal.Features;
using static TuyPhuoc.Portal.Tests.Features.FakeSuite;

namespace TuyPhuoc.Portal.Tests.Features;

public sealed class EscalationsReaderTests
{
    private static readonly Indicator Grain = new() { Code = "CT02", Name = "Tổng sản lượng lương thực có hạt", UnitOfMeasure = "tấn" };

    private static Escalation Raised(string id, string unit, string office = "", EscalationStatus status = EscalationStatus.Open) => new()
    {
        Id = id, UnitCode = unit, Year = 2024, Title = $"Kiến nghị {id}", Status = status, AssignedOfficeCode = office, IndicatorCodes = { "CT02" },
        DueDate = office.Length == 0 ? null : new Google.Type.Date { Year = 2024, Month = 8, Day = 15 },
        Steps = { new EscalationStep { Status = EscalationStatus.Open, By = $"unit_reporter:{unit}", Text = "Thiếu giống lúa" } },
    };

    /// <summary>Escalations by who raised them and by the office they are assigned to, two at a page.</summary>
    private sealed class Escalations(params Escalation[] all) : Submissions.SubmissionsClient
    {
        public List<ListEscalationsRequest> Asked { get; } = [];
        public List<string> Writes { get; } = [];

        public override AsyncUnaryCall<ListEscalationsResponse> ListEscalationsAsync(ListEscalationsRequest request, CallOptions options)
        {
            Asked.Add(request);
            var matching = all.Where(e => (request.UnitCode.Length == 0 || e.UnitCode == request.UnitCode) && (request.OfficeCode.Length == 0 || e.AssignedOfficeCode == request.OfficeCode)).ToList();
            var from = request.PageToken.Length == 0 ? 0 : int.Parse(request.PageToken);
            return Answer(new ListEscalationsResponse { Escalations = { matching.Skip(from).Take(2) }, NextPageToken = from + 2 < matching.Count ? $"{from + 2}" : "" });
        }

        public override AsyncUnaryCall<Escalation> RaiseEscalationAsync(RaiseEscalationRequest request, CallOptions options)
        {
            Writes.Add($"raise {request.UnitCode} {request.Year} {request.Title} / {request.Description} [{string.Join(",", request.IndicatorCodes)}] {request.IdempotencyKey}");
            return Answer(new Escalation());
        }

        public override AsyncUnaryCall<Escalation> AnswerEscalationAsync(AnswerEscalationRequest request, CallOptions options)
        {
            Writes.Add($"answer {request.Id}: {request.Answer}");
            return Answer(new Escalation());
        }

        public override AsyncUnaryCall<Escalation> CloseEscalationAsync(CloseEscalationRequest request, CallOptions options)
        {
            Writes.Add($"close {request.Id}: {request.Note}");
            return Answer(new Escalation());
        }

        public override AsyncUnaryCall<Escalation> AssignEscalationAsync(AssignEscalationRequest request, CallOptions options)
        {
            Writes.Add($"assign {request.Id} to {request.OfficeCode} by {Day(request.DueDate)} {request.IdempotencyKey}");
            return Answer(new Escalation());
        }

        public override AsyncUnaryCall<Escalation> ReferEscalationAsync(ReferEscalationRequest request, CallOptions options)
        {
            Writes.Add($"refer {request.Id} to {request.Authority}: {request.DocumentNumber} of {Day(request.DocumentDate)} {request.IdempotencyKey}");
            return Answer(new Escalation());
        }

        public override AsyncUnaryCall<Escalation> RecordReferralAnswerAsync(RecordReferralAnswerRequest request, CallOptions options)
        {
            Writes.Add($"above {request.Id} from {request.AnsweredBy}: {request.DocumentNumber} of {Day(request.DocumentDate)}: {request.Answer}");
            return Answer(new Escalation());
        }

        private static string Day(Google.Type.Date? d) => d is null ? "none" : $"{d.Day:00}/{d.Month:00}/{d.Year}";
    }

    private sealed class Assigning() : PlansClient(District, [Grain], _ => [new AssignedIndicator { IndicatorCode = Grain.Code, YearTarget = 12_000 }]);

    private static readonly Escalation[] Year2024 =
    [
        Raised("e1", "PHUOC_AN", "TCKH", EscalationStatus.Assigned), Raised("e2", "PHUOC_AN"), Raised("e3", "PHUOC_AN", status: EscalationStatus.Answered),
        Raised("e4", "TT_TUY_PHUOC", "TCKH", EscalationStatus.Assigned), Raised("e5", "TCKH", "TCKH", EscalationStatus.Assigned),
    ];

    [Fact]
    public async Task Read_ACommune_EveryPageOfWhatItRaised_AndNothingAssignedToIt()
    {
        var submissions = new Escalations(Year2024);

        var view = await new EscalationsReader(submissions, Plans(District, [Grain], new Assigning())).ReadAsync("PHUOC_AN", 2024, new CallOptions());

        Assert.Equal(["e1", "e2", "e3"], view.Raised.Select(e => e.Id));
        Assert.Equal(["", "2"], submissions.Asked.Select(r => r.PageToken));
        Assert.All(submissions.Asked, r => Assert.Equal(("PHUOC_AN", "", 2024), (r.UnitCode, r.OfficeCode, r.Year)));
        Assert.Empty(view.AssignedToUs);
        Assert.Equal(["Tổng sản lượng lương thực có hạt"], view.Indicators.Select(i => i.Name));
        var first = view.Raised[0];
        Assert.Equal(("TCKH", new DateOnly(2024, 8, 15), "Thiếu giống lúa"), (first.AssignedOffice, first.Due!.Value, first.Steps[0].Text));
    }

    [Fact]
    public async Task Read_AnOffice_AlsoWhatIsAssignedToIt_ButNotItsOwnTwice()
    {
        var view = await new EscalationsReader(new Escalations(Year2024), Plans(District, [Grain], new Assigning())).ReadAsync("TCKH", 2024, new CallOptions());

        Assert.Equal(["e5"], view.Raised.Select(e => e.Id));
        Assert.Equal(["e1", "e4"], view.AssignedToUs.Select(e => e.Id));
    }

    [Fact]
    public async Task Writes_RaiseAnswerAndClose_SendWhatThePersonTyped()
    {
        var submissions = new Escalations(Year2024);
        var reader = new EscalationsReader(submissions, Plans(District, [Grain], new Assigning()));
        var view = await reader.ReadAsync("PHUOC_AN", 2024, new CallOptions());

        await reader.RaiseAsync(view, "Thiếu nước tưới", "Hồ chứa cạn", ["CT02"], "k1", new CallOptions());
        await reader.AnswerAsync("e4", "Đã cấp bổ sung", "k2", new CallOptions());
        await reader.CloseAsync("e2", "Đã tự giải quyết", "k3", new CallOptions());

        Assert.Equal(["raise PHUOC_AN 2024 Thiếu nước tưới / Hồ chứa cạn [CT02] k1", "answer e4: Đã cấp bổ sung", "close e2: Đã tự giải quyết"], submissions.Writes);
    }

    private static readonly Indicator Revenue = new() { Code = "CT01", Name = "Thu ngân sách", UnitOfMeasure = "triệu đồng" };

    private static readonly Unit[] WithOffices =
    [
        .. District, Unit("NONG_NGHIEP", "Phòng Nông nghiệp và Môi trường", UnitKind.Office), Unit("KINH_TE_HT", "Phòng Kinh tế - Hạ tầng", UnitKind.Office),
    ];

    [Fact]
    public async Task ReadRegister_TheFilterAsked_EveryPage_OfficesByName_AndUnitsNamed()
    {
        var submissions = new Escalations(Year2024);
        var filter = new EscalationFilter(EscalationStatus.Assigned, OverdueOnly: true, Office: "TCKH", Indicator: "CT02");

        var view = await new EscalationsReader(submissions, Plans(WithOffices, [Grain, Revenue])).ReadRegisterAsync(2024, filter, new CallOptions());

        Assert.Equal(["e1", "e4", "e5"], view.Escalations.Select(e => e.Id));
        Assert.Equal(["", "2"], submissions.Asked.Select(r => r.PageToken));
        Assert.All(submissions.Asked, r => Assert.Equal((2024, EscalationStatus.Assigned, true, "TCKH", "CT02", ""),
            (r.Year, r.Status, r.OverdueOnly, r.OfficeCode, r.IndicatorCode, r.UnitCode)));
        Assert.Equal(filter, view.Filter);
        Assert.Equal(["Phòng Kinh tế - Hạ tầng", "Phòng Nông nghiệp và Môi trường", "Phòng Tài chính - Kế hoạch"], view.Offices.Select(o => o.Name));
        Assert.Equal(["CT01", "CT02"], view.Indicators.Select(i => i.Code));
        Assert.Equal(("Thị trấn Tuy Phước", "GONE"), (view.NameOf("TT_TUY_PHUOC"), view.NameOf("GONE")));
    }

    [Fact]
    public async Task Writes_AssignReferAndTheAnswerFromAbove_SendWhatThePersonTyped()
    {
        var submissions = new Escalations(Year2024);
        var reader = new EscalationsReader(submissions, Plans(District, [Grain]));

        await reader.AssignAsync("e2", "TCKH", new DateOnly(2024, 8, 20), "k1", new CallOptions());
        await reader.AssignAsync("e2", "TCKH", null, "k2", new CallOptions());
        await reader.ReferAsync("e1", "UBND tỉnh Bình Định", "125/UBND-TH", new DateOnly(2024, 7, 30), "k3", new CallOptions());
        await reader.RecordReferralAnswerAsync("e1", "Sở Tài chính", "88/STC-NS", new DateOnly(2024, 8, 12), "Bố trí từ dự phòng", "k4", new CallOptions());

        Assert.Equal([
            "assign e2 to TCKH by 20/08/2024 k1", "assign e2 to TCKH by none k2",
            "refer e1 to UBND tỉnh Bình Định: 125/UBND-TH of 30/07/2024 k3",
            "above e1 from Sở Tài chính: 88/STC-NS of 12/08/2024: Bố trí từ dự phòng",
        ], submissions.Writes);
    }

    [Fact]
    public void From_AReferredEscalationAnsweredAbove_TheReferralAndItsAnswer()
    {
        var e = Raised("e7", "PHUOC_AN", status: EscalationStatus.Answered);
        e.Referral = new Referral
        {
            Authority = "UBND tỉnh Bình Định", DocumentNumber = "125/UBND-TH", DocumentDate = new Google.Type.Date { Year = 2024, Month = 7, Day = 30 },
            AnsweredBy = "Sở Tài chính", AnswerDocumentNumber = "88/STC-NS", AnswerDocumentDate = new Google.Type.Date { Year = 2024, Month = 8, Day = 12 },
        };

        Assert.Equal(new ReferralLine("UBND tỉnh Bình Định", "125/UBND-TH", new DateOnly(2024, 7, 30), "Sở Tài chính", "88/STC-NS", new DateOnly(2024, 8, 12)),
            EscalationLine.From(e).Referral);
        Assert.Null(EscalationLine.From(Raised("e8", "PHUOC_AN")).Referral);
        e.Steps.Add(new EscalationStep { Status = EscalationStatus.Referred, By = "planning_office", Text = "UBND tỉnh Bình Định: 125/UBND-TH, 2024-07-30" });
        Assert.Equal("UBND tỉnh Bình Định: 125/UBND-TH, 30/07/2024", EscalationLine.From(e).Steps[^1].Text);
    }

    [Theory]
    [InlineData("15/08/2024", 2024, 8, 15)]
    [InlineData(" 5/8/2024 ", 2024, 8, 5)]
    [InlineData("", 0, 0, 0)]
    public void TypedDay_AVietnameseDay_OrNoneWhenEmpty(string text, int year, int month, int day)
    {
        Assert.True(TypedDay.TryRead(text, out var read));
        Assert.Equal(year == 0 ? null : new DateOnly(year, month, day), read);
    }

    [Theory]
    [InlineData("2024-08-15")]
    [InlineData("31/02/2024")]
    [InlineData("15.08.2024")]
    public void TypedDay_NotADayAsTyped_NotRead(string text) => Assert.False(TypedDay.TryRead(text, out _));
}

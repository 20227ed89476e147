using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using TuyPhuoc.Contracts.Submissions.V1;
using TuyPhuoc.Portal.Features;
using static TuyPhuoc.Portal.Tests.Features.FakeSuite;

namespace TuyPhuoc.Portal.Tests.Features;

public sealed class ApprovalsReaderTests
{
    private static Report Sent(string unit, ReportStatus status = ReportStatus.Submitted) => new()
    {
        UnitCode = unit, Year = 2024, Month = 11, Status = status, SubmittedAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2024, 12, 5, 1, 0, 0, TimeSpan.Zero)),
        DaysLate = unit == "PHUOC_AN" ? 2 : 0, MissingIndicatorCodes = { "CT02" },
    };

    private sealed class Reports(params ListReportsResponse[] pages) : Submissions.SubmissionsClient
    {
        public List<ListReportsRequest> Asked { get; } = [];
        public List<string> Acts { get; } = [];

        public override AsyncUnaryCall<ListReportsResponse> ListReportsAsync(ListReportsRequest request, CallOptions options)
        {
            Asked.Add(request);
            return Answer(pages[Asked.Count - 1]);
        }

        public override AsyncUnaryCall<Report> ApproveReportAsync(ApproveReportRequest request, CallOptions options)
        {
            Acts.Add($"approve {request.UnitCode} {request.Month}/{request.Year} {request.IdempotencyKey}");
            return Answer(Sent(request.UnitCode, ReportStatus.Approved));
        }

        public override AsyncUnaryCall<Report> ReturnReportAsync(ReturnReportRequest request, CallOptions options)
        {
            Acts.Add($"return {request.UnitCode} {request.Month}/{request.Year}: {request.Reason}");
            return Answer(new Report(Sent(request.UnitCode, ReportStatus.Returned)) { ReturnReason = request.Reason });
        }

        public override AsyncUnaryCall<Report> ReopenReportAsync(ReopenReportRequest request, CallOptions options)
        {
            Acts.Add($"reopen {request.UnitCode} {request.Month}/{request.Year}: {request.Reason}");
            return Answer(Sent(request.UnitCode, ReportStatus.Draft));
        }
    }

    private static Reports November() => new(
        new ListReportsResponse { Reports = { Sent("TCKH"), Sent("PHUOC_AN") }, NextPageToken = "2" },
        new ListReportsResponse { Reports = { Sent("TT_TUY_PHUOC", ReportStatus.Draft) } });

    [Fact]
    public async Task Read_EveryPage_InTheOfficesOrder_NamedFromTheUnits()
    {
        var submissions = November();

        var view = await new ApprovalsReader(submissions, Plans(District)).ReadAsync(2024, 11, new CallOptions());

        Assert.Equal(["", "2"], submissions.Asked.Select(r => r.PageToken));
        Assert.All(submissions.Asked, r => Assert.Equal((2024, 11), (r.Year, r.Month)));
        // The towns and communes by name, then the offices.
        Assert.Equal(["Thị trấn Tuy Phước", "Xã Phước An", "Phòng Tài chính - Kế hoạch"], view.Rows.Select(r => r.UnitName));
        Assert.Equal((ReportStatus.Submitted, 2, 1), (view.Rows[1].Status, view.Rows[1].DaysLate, view.Rows[1].Missing));
    }

    [Fact]
    public async Task Acts_EachAnswersTheUnitsRowAsItNowStands()
    {
        var submissions = November();
        var reader = new ApprovalsReader(submissions, Plans(District));
        var view = await reader.ReadAsync(2024, 11, new CallOptions());
        var commune = view.Rows[1];

        var approved = await reader.ApproveAsync(view, commune, "k1", new CallOptions());
        var returned = await reader.ReturnAsync(view, commune, "Thiếu số liệu thu ngân sách", "k2", new CallOptions());
        var reopened = await reader.ReopenAsync(view, commune, "Sai số liệu tháng 10", "k3", new CallOptions());

        Assert.Equal([ReportStatus.Approved, ReportStatus.Returned, ReportStatus.Draft], new[] { approved, returned, reopened }.Select(r => r.Status));
        Assert.All(new[] { approved, returned, reopened }, r => Assert.Equal(("PHUOC_AN", "Xã Phước An"), (r.Unit, r.UnitName)));
        Assert.Equal("Thiếu số liệu thu ngân sách", returned.ReturnReason);
        Assert.Equal(["approve PHUOC_AN 11/2024 k1", "return PHUOC_AN 11/2024: Thiếu số liệu thu ngân sách", "reopen PHUOC_AN 11/2024: Sai số liệu tháng 10"], submissions.Acts);
    }
}

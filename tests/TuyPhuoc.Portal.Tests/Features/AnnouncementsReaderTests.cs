using Grpc.Core;
using TuyPhuoc.Contracts.Evaluation.V1;
using TuyPhuoc.Portal.Features;
using TuyPhuoc.Portal.Tests.Forms;
using TuyPhuoc.ServiceDefaults;
using static TuyPhuoc.Portal.Tests.Features.FakeSuite;

namespace TuyPhuoc.Portal.Tests.Features;

/// <summary>An announcement is Biểu số 01 as it was frozen: rendered from what it holds, whatever the suite holds now, with what changed since the version before.</summary>
public sealed class AnnouncementsReaderTests
{
    private static readonly string Office = Seeded.Catalog["CT04"].ResponsibleOfficeCode;

    /// <summary>Q2 2024 issued twice: the second after CT01's quarter was corrected, the first superseded by it.</summary>
    private sealed class Issued : Evaluation.EvaluationClient
    {
        public static Announcement Version(int version)
        {
            var report = Seeded.Q2;
            if (version == 2) report.DistrictFigures.Single(f => f.IndicatorCode == "CT01").Quarters.Single(q => q.Quarter == 2).Actual += 10;
            return new Announcement
            {
                Year = 2024, Quarter = 2, Version = version, Number = version == 1 ? "245/TB-UBND" : "251/TB-UBND", Date = new DateOnly(2024, 7, 5 + version).ToProto(),
                IssuedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(new DateTimeOffset(2024, 7, 5 + version, 2, 0, 0, TimeSpan.Zero)),
                IssuedBy = "planning_office:tckh", SupersededBy = version == 1 ? 2 : 0, Report = report,
                Targets = { Seeded.Plan.Targets }, Indicators = { Seeded.Catalog.Values }, Units = { Seeded.Units.Values },
                Notes = { Seeded.Note(Office, "CT04", 5, "Thị trường bất động sản trầm lắng", "Đẩy nhanh giải phóng mặt bằng") },
            };
        }

        public override AsyncUnaryCall<Announcement> GetAnnouncementAsync(GetAnnouncementRequest request, CallOptions options) =>
            request is { Year: 2024, Quarter: 2, Version: 0 or 1 or 2 } ? Answer(Version(request.Version == 0 ? 2 : request.Version)) : Refuse<Announcement>(StatusCode.NotFound);

        public override AsyncUnaryCall<ListAnnouncementsResponse> ListAnnouncementsAsync(ListAnnouncementsRequest request, CallOptions options) =>
            Answer(new ListAnnouncementsResponse { Announcements = { Version(2), Version(1) } });
    }

    [Fact]
    public async Task Read_TheSecondVersion_ItsNumberDateAndFiguresAsFrozen_TheOneFigureThatChanged()
    {
        var view = await new AnnouncementsReader(new Issued()).ReadAsync(2024, 2, 2, new CallOptions());

        Assert.Equal(("251/TB-UBND", new DateOnly(2024, 7, 7), 0), (view.Line.Number, view.Line.Date, view.Line.SupersededBy));
        Assert.Equal(("251/TB-UBND", new DateOnly(2024, 7, 7)), (view.Report.Number, view.Report.Date));
        Assert.Equal(Seeded.Q2.DistrictFigures.Count, view.Report.Figures.Count);
        var change = Assert.Single(view.Changes);
        Assert.Equal("CT01", change.Code);
        Assert.Equal(10, change.After!.QuarterActual!.Value - change.Before!.QuarterActual!.Value, 6);
        var ct04 = view.Report.Figures.Single(f => f.Code == "CT04");
        Assert.Equal(["Thị trường bất động sản trầm lắng"], ct04.Causes);
        Assert.Equal(["Đẩy nhanh giải phóng mặt bằng"], ct04.Solutions);
        // Every unit was read when it was issued: a figure nobody explained says no cause, not "not read".
        Assert.All(view.Report.Figures.Where(f => f.Code != "CT04"), f => Assert.Empty(f.Causes!));
    }

    [Fact]
    public async Task Read_TheFirstVersion_SupersededByTheSecond_NoChangesOfItsOwn()
    {
        var view = await new AnnouncementsReader(new Issued()).ReadAsync(2024, 2, 1, new CallOptions());

        Assert.Equal((1, 2, "/thong-bao/2024/2/2"), (view.Line.Version, view.Line.SupersededBy, AnnouncementPaths.Of(2024, 2, view.Line.SupersededBy)));
        Assert.Empty(view.Changes);
    }

    [Fact]
    public async Task List_TheYearsAnnouncements_AsTheyAreAnswered()
    {
        var lines = await new AnnouncementsReader(new Issued()).ListAsync(2024, new CallOptions());

        Assert.Equal([(2, "251/TB-UBND", 0), (1, "245/TB-UBND", 2)], lines.Select(l => (l.Version, l.Number, l.SupersededBy)));
    }

}

using Grpc.Core;
using TuyPhuoc.Contracts.Submissions.V1;
using TuyPhuoc.Portal.Features;
using static TuyPhuoc.Portal.Tests.Features.FakeSuite;

namespace TuyPhuoc.Portal.Tests.Features;

public sealed class TimelinessReaderTests
{
    private sealed class Pages(params ListTimelinessResponse[] pages) : Submissions.SubmissionsClient
    {
        public List<ListTimelinessRequest> Asked { get; } = [];

        public override AsyncUnaryCall<ListTimelinessResponse> ListTimelinessAsync(ListTimelinessRequest request, CallOptions options)
        {
            Asked.Add(request);
            return Answer(pages[Asked.Count - 1]);
        }
    }

    private static UnitTimeliness Entry(string unit, int month, Timeliness t, int late = 0) => new() { UnitCode = unit, Year = 2024, Month = month, Timeliness = t, DaysLate = late };

    [Fact]
    public async Task Read_FollowsEveryPage_AndNamesTheUnitsInTheOfficesOrder()
    {
        var submissions = new Pages(new ListTimelinessResponse { Entries = { Entry("TCKH", 1, Timeliness.OnTime) }, NextPageToken = "2" },
            new ListTimelinessResponse { Entries = { Entry("PHUOC_AN", 1, Timeliness.Late, 3) } });

        var view = await new TimelinessReader(submissions, Plans(District)).ReadAsync(2024, new CallOptions());

        Assert.Equal(["", "2"], submissions.Asked.Select(r => r.PageToken));
        Assert.All(submissions.Asked, r => Assert.Equal(2024, r.Year));
        Assert.Equal(["Xã Phước An", "Phòng Tài chính - Kế hoạch"], view.Rows.Select(r => r.UnitName));
        Assert.Equal(new TimelinessMark(Timeliness.Late, 3), view.Rows[0].Months[0]);
    }
}

using TuyPhuoc.Portal.Features;
using TuyPhuoc.ServiceDefaults;

namespace TuyPhuoc.Portal.Tests.Features;

public sealed class OfficePagesDownTests : SuiteDownContext
{
    [Fact]
    public void Approvals_TheSuiteIsDown_SaysSoInVietnameseAndShowsNoReports()
    {
        SignedIn("Trần Văn Bình", Roles.PlanningOffice, "duyet-bao-cao?nam=2024&thang=11");

        var page = Render<ApprovalsPage>();

        page.WaitForAssertion(() => Assert.Equal(SuiteDown, page.Find(".problem").TextContent), TimeSpan.FromSeconds(30));
        Assert.Empty(page.FindAll("table.reports"));
        Assert.Empty(page.FindAll(".notice"));
        Assert.Empty(page.FindAll(".loading"));
        Assert.Equal("Duyệt báo cáo", page.Find("h1").TextContent);
    }

    [Fact]
    public void Ranking_TheSuiteIsDown_SaysSoAndOffersNoFinalising()
    {
        SignedIn("Lê Thị Hoa", Roles.HomeAffairs, "xep-hang?nam=2024");

        var page = Render<RankingPage>();

        page.WaitForAssertion(() => Assert.Equal(SuiteDown, page.Find(".problem").TextContent), TimeSpan.FromSeconds(30));
        Assert.Empty(page.FindAll("button.finalize-year"));
        Assert.Empty(page.FindAll(".notice"));
    }
}

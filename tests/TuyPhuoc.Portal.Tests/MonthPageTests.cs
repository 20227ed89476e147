using TuyPhuoc.Portal.Components.Pages;
using TuyPhuoc.ServiceDefaults;

namespace TuyPhuoc.Portal.Tests;

public sealed class MonthPageTests : SuiteDownContext
{
    [Fact]
    public void Open_TheSuiteIsDown_SaysSoInVietnameseAndShowsNoForm()
    {
        SignedIn("Nguyễn Thị Lan", Roles.UnitReporter, "bao-cao?nam=2024&thang=7", unit: "PHUOC_THANG");

        var page = Render<TuyPhuoc.Portal.Features.MonthPage>();

        page.WaitForAssertion(() => Assert.Equal(SuiteDown, page.Find(".problem").TextContent), TimeSpan.FromSeconds(30));
        Assert.Empty(page.FindAll("input[inputmode=decimal]"));
        Assert.Empty(page.FindAll(".notice"));
    }
}

using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using TuyPhuoc.Portal.Features;
using TuyPhuoc.Portal.Suite;
using TuyPhuoc.Portal.Tests.Forms;
using TuyPhuoc.ServiceDefaults;
using PlanReader = TuyPhuoc.Portal.Features.PlanReader;

namespace TuyPhuoc.Portal.Tests.Features;

/// <summary>
/// The plan is one document: the page and the downloaded workbook show one view, the plan as it stands at the year's
/// end, so for a plan revised in July both carry the revised targets.
/// </summary>
public sealed class PlanDocumentTests : SuiteDownContext
{
    private readonly RevisedPlans _plans = new();

    public PlanDocumentTests()
    {
        // The suite's answers come from the fake, not from the address where nothing listens.
        Services.AddSingleton<Contracts.Plans.V1.IndicatorPlans.IndicatorPlansClient>(_plans);
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    [Fact]
    public async Task PageAndWorkbook_APlanRevisedInJuly_TheSameTargets_TheRevisedOnes()
    {
        SignedIn("Trần Văn Bình", Roles.PlanningOffice, "ke-hoach?nam=2024");
        var page = Render<PlanPage>();
        page.WaitForAssertion(() => Assert.Equal(34, page.FindAll("table.plan-targets tr[data-indicator]").Count), TimeSpan.FromSeconds(10));
        var screen = page.FindAll("table.plan-targets tr[data-indicator]")
            .Select(r => (r.GetAttribute("data-indicator")!, r.QuerySelector(".province")!.TextContent, r.QuerySelector(".district")!.TextContent)).ToList();
        Assert.Equal("/bieu-mau/ke-hoach?year=2024", page.Find("a.download").GetAttribute("href"));

        // The workbook as the download makes it: the reader's view of the year, rendered.
        using var stream = new MemoryStream();
        PlanWorkbook.Write(stream, await Services.GetRequiredService<PlanReader>().ReadAsync(2024, new CallOptions()));
        var sheet = new Opened(stream.ToArray(), PlanWorkbook.TargetsSheet);
        var workbook = Enumerable.Range(PlanWorkbook.FirstTarget, 40).Where(r => sheet.Text($"C{r}").StartsWith("CT", StringComparison.Ordinal))
            .Select(r => (sheet.Text($"C{r}"), sheet.Number($"E{r}") is { } province ? VietNumber.Format(province) : "", VietNumber.Format(sheet.Number($"F{r}")))).ToList();

        Assert.Equal(workbook, screen);
        Assert.Contains(("CT02", "140.000", "150.000"), screen);
        Assert.Equal(2, _plans.Read.Count);
        Assert.All(_plans.Read, r => Assert.Equal(new DateOnly(2024, 12, 31).ToProto(), r.AsOf));
    }

    [Fact]
    public void Page_APlanWithWarnings_ShowsEachInVietnameseWithItsFigures()
    {
        var plans = new RevisedPlans
        {
            Warnings =
            [
                new() { IndicatorCode = "CT02", Code = "allocations_differ", Message = "The allocations sum to 1 but the district target is 150000." },
                new() { IndicatorCode = "CT01", Code = "a_new_kind", Message = "Something the portal has no words for." },
            ],
        };
        Services.AddSingleton<Contracts.Plans.V1.IndicatorPlans.IndicatorPlansClient>(plans);
        SignedIn("Trần Văn Bình", Roles.PlanningOffice, "ke-hoach?nam=2024");

        var page = Render<PlanPage>();

        page.WaitForAssertion(() => Assert.Equal("Cảnh báo của kế hoạch (2)", page.Find(".plan-warnings h2").TextContent), TimeSpan.FromSeconds(10));
        var warnings = page.FindAll(".plan-warnings li").Select(li => (li.GetAttribute("data-indicator"), li.TextContent)).ToList();
        var grain = Seeded.Plan.Targets.Single(t => t.IndicatorCode == "CT02").Allocations.Sum(a => a.YearTarget);
        Assert.Equal(("CT01", $"{Seeded.Catalog["CT01"].Name}: Something the portal has no words for."), warnings[0]);
        Assert.Equal(("CT02", $"{Seeded.Catalog["CT02"].Name}: tổng phân bổ cho các xã, thị trấn là {VietNumber.Format(grain)}, khác chỉ tiêu huyện giao 150.000."), warnings[1]);
    }
}

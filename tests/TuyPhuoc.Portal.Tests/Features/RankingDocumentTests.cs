using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using TuyPhuoc.Portal.Features;
using TuyPhuoc.Portal.Suite;
using TuyPhuoc.ServiceDefaults;

namespace TuyPhuoc.Portal.Tests.Features;

/// <summary>
/// The classification list is one document: the ranking page and the workbook it offers carry the same units, ranks,
/// blocks, totals and classes in the same order. The list does not depend on the plan (EmulationScoring ranks each year
/// against its plans; the portal names the units from the units' list), so a plan revised mid-year cannot set them apart:
/// the plans here answer only the units and the catalog, and any other read of the plans would fail the test.
/// </summary>
public sealed class RankingDocumentTests : SuiteDownContext
{
    private readonly FakeScoring _scoring = RankingReaderTests.TwoPages();

    /// <summary>The suite out of reach but the plans' units and catalog and EmulationScoring, which answer as the fakes do.</summary>
    public RankingDocumentTests()
    {
        Services.AddSingleton(FakeSuite.Plans(FakeSuite.District, RankingReaderTests.Catalog));
        Services.AddSingleton(sp => new RankingReader(_scoring, sp.GetRequiredService<PlanCache>()));
    }

    private sealed record Line(string Unit, string Rank, string Block, string Total, string Class, bool HeldBack);

    private List<Line> Screen(string path)
    {
        SignedIn("Lê Thị Hoa", Roles.HomeAffairs, path);
        var page = Render<RankingPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("table.ranking tbody tr")), TimeSpan.FromSeconds(30));
        return [.. page.FindAll("table.ranking tbody tr").Select(tr =>
        {
            var cells = tr.QuerySelectorAll("td");
            var klass = tr.QuerySelector("td.classification")!;
            var note = klass.QuerySelector(".muted")?.TextContent;
            return new Line(tr.QuerySelector("th")!.TextContent.Trim(), cells[0].TextContent.Trim(), cells[1].TextContent.Trim(), cells[2].TextContent.Trim(),
                (note is null ? klass.TextContent : klass.TextContent.Replace(note, "")).Trim(), note is not null);
        })];
    }

    private async Task<(List<Line> Lines, Opened Sheet)> WorkbookAsync(int quarter, string? block)
    {
        // As the download does: the reader's view, rendered.
        var view = await Services.GetRequiredService<RankingReader>().ReadAsync(2024, quarter, block, new Grpc.Core.CallOptions());
        using var stream = new MemoryStream();
        RankingWorkbook.Write(stream, view, new DateOnly(2024, 7, 20));
        var sheet = new Opened(stream.ToArray(), RankingWorkbook.Sheet);
        return ([.. Enumerable.Range(RankingWorkbook.HeadRow + 2, view.Entries.Count).Select(r => new Line(sheet.Text($"B{r}"), sheet.Number($"E{r}")!.Value.ToString(CultureInfo.InvariantCulture),
            sheet.Text($"C{r}"), VietNumber.Format(sheet.Number($"D{r}")!.Value), sheet.Text($"F{r}"), sheet.Text($"G{r}").Length > 0))], sheet);
    }

    [Theory]
    [InlineData("xep-hang?nam=2024&quy=2", 2, null)]
    [InlineData("xep-hang?nam=2024&quy=2&khoi=economy", 2, "economy")]
    [InlineData("xep-hang?nam=2024", 0, null)]
    public async Task ScreenAndWorkbook_TheSameUnitsRanksTotalsAndClasses(string path, int quarter, string? block)
    {
        var screen = Screen(path);
        var (workbook, sheet) = await WorkbookAsync(quarter, block);

        Assert.Equal(screen, workbook);
        Assert.Equal(["Thị trấn Tuy Phước", "Xã Phước An", "Phòng Tài chính - Kế hoạch", "PHUOC_MOI"], screen.Select(l => l.Unit));
        Assert.Equal(new Line("Xã Phước An", "2", "Xã, thị trấn", "91,25", "Hoàn thành tốt nhiệm vụ", true), screen[1]);
        Assert.Empty(sheet.Invalid);
    }

    [Fact]
    public void Screen_OffersTheWorkbookOfTheListItShows()
    {
        SignedIn("Lê Thị Hoa", Roles.HomeAffairs, "xep-hang?nam=2024&quy=2&khoi=economy");
        var page = Render<RankingPage>();

        page.WaitForAssertion(() => Assert.Equal("/bieu-mau/xep-loai?year=2024&quarter=2&block=economy", page.Find("a.xlsx").GetAttribute("href")), TimeSpan.FromSeconds(30));
    }
}

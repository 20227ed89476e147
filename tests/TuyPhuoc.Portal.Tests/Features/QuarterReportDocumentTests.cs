using TuyPhuoc.Portal.Features;
using TuyPhuoc.Portal.Suite;
using TuyPhuoc.Portal.Tests.Forms;
using TuyPhuoc.ServiceDefaults;

namespace TuyPhuoc.Portal.Tests.Features;

/// <summary>Biểu số 01 on screen and as the workbook, for a plan revised after the quarter: the same figures, statuses, causes and solutions, row by row.</summary>
public sealed class QuarterReportDocumentTests : SuiteDownContext
{
    private readonly RevisedInJuly _suite = new();

    public QuarterReportDocumentTests() => _suite.AddTo(Services);

    [Fact]
    public async Task ScreenAndWorkbook_APlanRevisedInJuly_CarryTheSameFiguresCausesAndSolutions()
    {
        SignedIn("Trần Văn Bình", Roles.PlanningOffice, "bao-cao-quy?nam=2024&quy=2");
        var page = Render<QuarterReportPage>();
        page.WaitForElement("table.quarter-report tr[data-indicator=CT04]", TimeSpan.FromSeconds(10));
        var sheet = QuarterReportFormTests.Produce(await _suite.Reader().ReadAsync(2024, 2, new Grpc.Core.CallOptions()));

        var rows = page.FindAll("table.quarter-report tr[data-indicator]");
        Assert.Equal(Seeded.Q2.DistrictFigures.Count, rows.Count);
        foreach (var row in rows)
        {
            var cells = row.Children.Select(c => c.TextContent.Trim()).ToList();
            var line = sheet.RowOf("B", cells[1]);
            Assert.Equal(cells[0], sheet.Text($"A{line}"));
            Assert.Equal(cells[2], sheet.Text($"C{line}"));
            Assert.Equal([cells[3], cells[4], cells[5], cells[6], cells[7]], "DEFGH".Select(c => VietNumber.Format(sheet.Number($"{c}{line}"))));
            Assert.Equal(cells[8], VietNumber.Percent(sheet.Number($"I{line}")));
            Assert.StartsWith(VietNumber.Percent(sheet.Number($"J{line}")), cells[9]);
            Assert.Equal(cells[10], VietNumber.Percent(sheet.Number($"K{line}")));
            Assert.StartsWith(sheet.Text($"L{line}"), cells[11]);
            foreach (var words in row.QuerySelectorAll(".causes, .solutions").SelectMany(c => c.TextContent.Split("; ")))
            {
                Assert.Contains(words, sheet.Text($"M{line}"));
            }
        }
        var ct04 = page.Find("tr[data-indicator=CT04]");
        Assert.Equal(RevisedInJuly.Cause, ct04.QuerySelector(".causes")!.TextContent);
        Assert.Equal($"Giải pháp: {RevisedInJuly.Solution}", ct04.QuerySelector(".solutions")!.TextContent);
        Assert.NotEqual(VietNumber.Format(RevisedInJuly.RaisedProvinceTarget), ct04.Children[3].TextContent.Trim());
    }
}

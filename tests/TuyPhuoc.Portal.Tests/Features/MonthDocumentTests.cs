using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using TuyPhuoc.Contracts.Plans.V1;
using TuyPhuoc.Contracts.Submissions.V1;
using TuyPhuoc.Portal.Features;
using TuyPhuoc.Portal.Suite;
using TuyPhuoc.ServiceDefaults;

namespace TuyPhuoc.Portal.Tests.Features;

/// <summary>
/// The month's form is one document: the page and the downloaded workbook show one view, so for a plan revised in
/// mid-year they carry the same targets (the plan in force at the month's end), values and notes.
/// </summary>
public sealed class MonthDocumentTests : SuiteDownContext
{
    private readonly RevisedYear.Month _submissions = new();
    private readonly RevisedYear.Plans _plans = new();

    public MonthDocumentTests()
    {
        // The suite's answers come from the fakes, not from the address where nothing listens.
        Services.AddSingleton<Submissions.SubmissionsClient>(_submissions);
        Services.AddSingleton<Contracts.Plans.V1.IndicatorPlans.IndicatorPlansClient>(_plans);
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    /// <summary>Per indicator: year target, month target, value, causes and solutions, as the person reads them.</summary>
    private static readonly IReadOnlyDictionary<int, (string, string, string, string, string)[]> Expected = new Dictionary<int, (string, string, string, string, string)[]>
    {
        // June: the plan before the revision, though the plans today answer the revised one.
        [6] = [("140.000", "2.800", "2.750,5", "Mưa lớn cuối vụ", ""), ("94", "94", "93,1", "", "")],
        [8] = [("150.000", "27.000", "5.000", "Thu hoạch rộ", "Huy động máy gặt đập liên hợp"), ("94", "94", "93,4", "Tăng nhờ vận động", "")],
    };

    [Theory]
    [InlineData(6)]
    [InlineData(8)]
    public async Task PageAndWorkbook_APlanRevisedInJuly_TheSameTargetsValuesCausesAndSolutions(int month)
    {
        SignedIn("Nguyễn Thị Lan", Roles.UnitReporter, $"bao-cao?nam=2024&thang={month}", unit: RevisedYear.Unit);
        var page = Render<MonthPage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("fieldset.line").Count), TimeSpan.FromSeconds(10));
        var screen = page.FindAll("fieldset.line").Select(f =>
        {
            var facts = f.QuerySelectorAll("dd").Select(d => d.TextContent).ToList();
            var words = f.QuerySelectorAll("textarea").Select(t => t.GetAttribute("value") ?? "").ToList();
            return (Code: f.GetAttribute("data-indicator"), facts[2], facts[1], f.QuerySelector("input")!.GetAttribute("value"), words[0], words[1]);
        }).ToList();
        Assert.Equal($"/bieu-mau/bao-cao-thang?year=2024&month={month}", page.Find(".month-excel a.download").GetAttribute("href"));

        // The workbook as the download makes it: the reader's view of that month, rendered.
        using var stream = new MemoryStream();
        MonthWorkbook.Write(stream, await Services.GetRequiredService<MonthReader>().ReadAsync(RevisedYear.Unit, 2024, month, default, new CallOptions()));
        var sheet = new Opened(stream.ToArray(), MonthWorkbook.Sheet);
        var workbook = screen.Select(s => s.Code!).Select(code => sheet.RowOf("B", code)).Select(r =>
            (Code: sheet.Text($"B{r}"), VietNumber.Format(sheet.Number($"E{r}")), VietNumber.Format(sheet.Number($"F{r}")), VietNumber.Format(sheet.Number($"I{r}")), sheet.Text($"J{r}"), sheet.Text($"K{r}"))).ToList();

        Assert.Equal(["CT02", "CT10"], workbook.Select(w => w.Code));
        Assert.Equal(Expected[month], screen.Select(s => (s.Item2, s.Item3, s.Item4!, s.Item5, s.Item6)));
        Assert.Equal(Expected[month], workbook.Select(w => (w.Item2, w.Item3, w.Item4, w.Item5, w.Item6)));
        Assert.All(_plans.Asked, a => Assert.Equal(PlanCalendar.MonthEnd(2024, month).ToProto(), a.AsOf));
    }
}

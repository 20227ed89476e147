using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using Microsoft.Playwright;
using TuyPhuoc.Contracts.Tasks.V1;
using TuyPhuoc.Harness;
using TuyPhuoc.ServiceDefaults;
using Date = Google.Type.Date;
using Subs = TuyPhuoc.Contracts.Submissions.V1;

namespace TuyPhuoc.EndToEnd.Tests;

/// <summary>
/// Hostile workbooks on the real AppHost: refused at once with their reason, nothing stored, and the page or the service
/// still answers the good workbook right after. Written here and by no other test: November 2024 of Xã Phước Thuận.
/// </summary>
public sealed class UploadHardeningTests(SuiteFixture suite) : PortalBrowser(suite)
{
    private const int Year = 2024, Month = 11;
    private const string Unit = "PHUOC_THUAN", Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    [Fact]
    public async Task CommuneReporter_UploadsAMonthsFormWithACellOnRowTwoBillion_RefusedBesideTheUpload_ThenTheGoodFormIsImported()
    {
        var submissions = new Subs.Submissions.SubmissionsClient(Suite.Gateway);
        var reporter = await Suite.CallAsAsync(Roles.UnitReporter, unit: Unit);
        var page = await SignedInAsync(Unit, null, $"/bao-cao?nam={Year}&thang={Month}");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync(".month-excel a.download"));
        var form = await File.ReadAllBytesAsync(await download.PathAsync(), TestContext.Current.CancellationToken);
        var sheet = new Opened(form, "BaoCaoThang");
        var target = sheet.Number("F13") ?? sheet.Number("E13")!.Value;
        var filled = Filled.In(form, "BaoCaoThang", ("I13", target));

        foreach (var (hostile, message) in new[]
        {
            (HostileWorkbook.CellAt(filled, "J2147483000"), "Tệp có ô nằm ngoài giới hạn của Excel (1.048.576 dòng, 16.384 cột) nên bị từ chối."),
            (HostileWorkbook.SheetAtStyles(filled), "Tệp có trang không phải trang tính (worksheet); hãy dùng biểu mẫu tải từ Cổng thông tin."),
            (HostileWorkbook.ZipBomb(filled), "Tệp bị nén bất thường (có thể là tệp độc hại) nên bị từ chối."),
        })
        {
            await page.Locator("#month-upload").SetInputFilesAsync(new FilePayload { Name = "thang-11.xlsx", MimeType = Xlsx, Buffer = hostile });
            await Expect(page.Locator(".month-excel .upload-refused")).ToHaveTextAsync(message);
        }
        Assert.Empty((await submissions.ListActualsAsync(new Subs.ListActualsRequest { UnitCode = Unit, Year = Year, Month = Month }, reporter)).Actuals);

        await page.Locator("#month-upload").SetInputFilesAsync(new FilePayload { Name = "thang-11.xlsx", MimeType = Xlsx, Buffer = filled });
        await Expect(page.Locator(".month-excel .notice")).ToHaveTextAsync("Đã nhập 1 số liệu từ tệp Excel.");
        await Expect(page.Locator(".month-excel .upload-refused")).ToHaveCountAsync(0);
        var stored = (await submissions.ListActualsAsync(new Subs.ListActualsRequest { UnitCode = Unit, Year = Year, Month = Month }, reporter)).Actuals;
        Assert.Equal([(sheet.Text("B13"), target)], stored.Select(s => (s.IndicatorCode, s.Value)));
    }

    [Fact]
    public async Task PlanningOffice_ImportsHostileAnnexes_InvalidArgumentOnTheWorkbookNothingStored_ThenAGoodAnnexIsStored()
    {
        var tasks = new KeyTasks.KeyTasksClient(Suite.Gateway);
        var planning = await Suite.CallAsAsync(Roles.PlanningOffice);
        var number = $"{Random.Shared.Next(2000, 99999)}/QĐ-UBND-{Guid.NewGuid():N}"[..30];
        var annex = AnnexWorkbookWriter.Annex("PL01", [["1", "Tổ chức đấu giá quyền sử dụng đất", "Phòng Tài nguyên và Môi trường", "", "Quý III/2024", "Báo cáo", ""]]);
        ImportDecisionRequest Request(byte[] workbook) => new()
        {
            Number = number, DecisionDate = new Date { Year = Year, Month = 3, Day = 14 }, Title = "Nhiệm vụ bổ sung", Year = Year,
            Workbook = ByteString.CopyFrom(workbook), Block = "economy",
        };

        foreach (var (hostile, reason) in new[]
        {
            (HostileWorkbook.CellAt(annex, "A2147483000"), "outside a sheet's 1048576 rows"),
            (HostileWorkbook.SheetTwice(annex), "two sheet entries on one worksheet part"),
            (HostileWorkbook.ZipBomb(annex), "zip bomb"),
            (HostileWorkbook.WithMacros(annex), "macros"),
        })
        {
            var refused = await Assert.ThrowsAsync<RpcException>(() => tasks.ImportDecisionAsync(Request(hostile), planning).ResponseAsync);
            Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
            var violation = Assert.Single(refused.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations);
            Assert.Equal("workbook", violation.Field);
            Assert.Contains(reason, violation.Description);
        }
        var before = await tasks.ListDecisionsAsync(new ListDecisionsRequest { Year = Year, PageSize = 1000 }, planning);
        Assert.DoesNotContain(before.Decisions, d => d.Number == number);

        var stored = await tasks.ImportDecisionAsync(Request(annex), planning);

        Assert.Equal(1, stored.TaskCount);
    }
}

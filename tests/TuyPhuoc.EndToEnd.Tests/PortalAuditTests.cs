using TuyPhuoc.Contracts.Audit.V1;
using TuyPhuoc.Contracts.Plans.V1;
using TuyPhuoc.ServiceDefaults;

namespace TuyPhuoc.EndToEnd.Tests;

/// <summary>
/// Who changed what: a unit of this test's own, created and renamed by the planning office, is in IndicatorPlans' audit
/// with the caller, and on Lịch sử thay đổi in the browser with its name before and after.
/// </summary>
public sealed class PortalAuditTests(SuiteFixture suite) : PortalBrowser(suite)
{
    [Fact]
    public async Task UnitCreatedAndRenamed_TheAuditSaysWhoAndBeforeAndAfter_ThePageFiltersByTheUnit()
    {
        await Suite.DemoLoadedAsync();
        var code = $"XA_AUDIT_{Guid.NewGuid():N}"[..20].ToUpperInvariant();
        var plans = new IndicatorPlans.IndicatorPlansClient(Suite.Gateway);
        var office = await Suite.CallAsAsync(Roles.PlanningOffice);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh")).DateTime);
        await plans.CreateUnitAsync(new CreateUnitRequest
        {
            Unit = new Unit { Code = code, Name = "Xã Kiểm Toán", Kind = UnitKind.Commune, ParentCode = "TUY_PHUOC", ValidFrom = today.ToProto() }, IdempotencyKey = Guid.NewGuid().ToString(),
        }, office);
        await plans.RenameUnitAsync(new RenameUnitRequest { Code = code, Name = "Xã Kiểm Toán Mới", IdempotencyKey = Guid.NewGuid().ToString() }, office);

        // An entry is listed once the change log's sequencer has numbered it, a moment after its commit.
        var audit = await plans.ListAuditAsync(new ListAuditRequest { About = code }, office);
        for (var until = DateTime.UtcNow.AddSeconds(30); audit.Entries.Count < 2 && DateTime.UtcNow < until; audit = await plans.ListAuditAsync(new ListAuditRequest { About = code }, office))
        {
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
        Assert.Equal(["unit.renamed", "unit.created"], audit.Entries.Select(e => e.Kind));
        Assert.All(audit.Entries, e => Assert.False(string.IsNullOrEmpty(e.By)));
        var bySuite = await plans.ListAuditAsync(new ListAuditRequest { About = code, By = "suite" }, office);
        Assert.Empty(bySuite.Entries);
        var denied = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => plans.ListAuditAsync(new ListAuditRequest(), Suite.CallAsAsync(Roles.UnitReporter, "PHUOC_THANG").Result).ResponseAsync);
        Assert.Equal(Grpc.Core.StatusCode.PermissionDenied, denied.StatusCode);

        var page = await SignedInAsAsync(Roles.PlanningOffice, $"/lich-su-thay-doi?ve={code}", name: "Kiểm tra lịch sử");
        var renamed = page.Locator("table.audit tr[data-kind='unit.renamed']");
        await Expect(renamed).ToHaveCountAsync(1);
        await Expect(renamed.Locator(".kind")).ToHaveTextAsync("Đổi tên đơn vị");
        await Expect(renamed.Locator(".changes")).ToContainTextAsync("Xã Kiểm Toán → Xã Kiểm Toán Mới");
        await Expect(renamed.Locator(".by")).ToHaveTextAsync(audit.Entries[0].By);
        await Expect(page.Locator("table.audit tr[data-kind='unit.created']")).ToHaveCountAsync(1);
        await KeepScreenshotAsync(page, "audit-unit", fullPage: false);
    }
}

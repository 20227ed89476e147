using Microsoft.EntityFrameworkCore;
using TuyPhuoc.Contracts.Notifications.V1;
using TuyPhuoc.Notifications.Data;
using TuyPhuoc.Notifications.Domain;
using TuyPhuoc.ServiceDefaults;
using Eval = TuyPhuoc.Contracts.Evaluation.V1;
using Plans = TuyPhuoc.Contracts.Plans.V1;

namespace TuyPhuoc.Notifications.Tests;

/// <summary>Who is told of an announcement issued, what they read, and what the inboxes and the outbox keep of it (real PostgreSQL).</summary>
public sealed class AnnouncementRulesTests(NotificationsDatabase postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Google.Type.Date Day(int y, int m, int d) => new() { Year = y, Month = m, Day = d };

    private static Eval.AnnouncementChange Issued(int version = 1) => new()
    {
        Sequence = 311, Year = 2024, Quarter = 1, Version = version, Number = "45/TB-UBND", Date = Day(2024, 4, 10),
        Units =
        {
            new Plans.Unit { Code = "TUY_PHUOC", Kind = Plans.UnitKind.District },
            new Plans.Unit { Code = "TC_KH", Kind = Plans.UnitKind.Office, Block = Plans.SectorBlock.Economy },
            new Plans.Unit { Code = "PHUOC_HOA", Kind = Plans.UnitKind.Commune },
            new Plans.Unit { Code = "TT_DIEU_TRI", Kind = Plans.UnitKind.Town },
            // Merged away before the announcement's date: no inbox is read there any more.
            new Plans.Unit { Code = "PHUOC_CU", Kind = Plans.UnitKind.Commune, ValidTo = Day(2024, 3, 31), MergedIntoCode = "PHUOC_HOA" },
            // Closed after it: the quarter was still its own.
            new Plans.Unit { Code = "PHUOC_MOI", Kind = Plans.UnitKind.Commune, ValidTo = Day(2024, 6, 30) },
        },
    };

    [Fact]
    public void Recipients_EveryUnitButTheDistrictAndOneClosedBeforeTheDate_EveryBlockAndHomeAffairs()
    {
        var inboxes = AnnouncementRules.Recipients(Issued());

        Assert.Equal(
            ["unit:PHUOC_HOA", "unit:PHUOC_MOI", "unit:TC_KH", "unit:TT_DIEU_TRI", "block:economy", "block:culture_society", "block:internal_affairs", "role:home_affairs"],
            inboxes);
    }

    [Fact]
    public void From_FirstIssue_OneEventToEachWithTheNumberDateAndTheVersionsPage()
    {
        var drafts = AnnouncementRules.From(Issued()).ToList();

        Assert.Equal(8, drafts.Count);
        Assert.All(drafts, d => Assert.Equal(("announcements:311", NotificationKind.AnnouncementIssued, "/thong-bao/2024/1/1"), (d.EventKey, d.Kind, d.Link)));
        var draft = drafts[0];
        Assert.Equal("Thông báo kết quả thực hiện chỉ tiêu quý I/2024", draft.Title);
        Assert.Equal("Phòng Tài chính - Kế hoạch đã ban hành Thông báo số 45/TB-UBND ngày 10/04/2024 về kết quả thực hiện chỉ tiêu kinh tế - xã hội quý I/2024.", draft.Body);
        Assert.Equal("Thông báo kết quả quý được ban hành", Kinds.Title(NotificationKind.AnnouncementIssued));
    }

    [Fact]
    public void From_IssuedAgain_SaysItSupersedesAndLinksTheNewVersion()
    {
        var draft = AnnouncementRules.From(Issued(version: 2)).First();

        Assert.Contains("(lần 2, thay thế thông báo đã ban hành trước đó)", draft.Body);
        Assert.Equal("/thong-bao/2024/1/2", draft.Link);
    }

    [Fact]
    public async Task Stored_OncePerInboxReadByEachRoleMailedToOfficialAddressesAndNotToWhoTurnedItOff_AReplayAddsNothing()
    {
        await using var db = await postgres.NewDatabaseAsync();
        db.MailAddresses.AddRange(
            new MailAddressRow { Inbox = "unit:PHUOC_HOA", Address = "ubndphuochoa@binhdinh.gov.vn" },
            new MailAddressRow { Inbox = "role:home_affairs", Address = "noivu@tuyphuoc.gov.vn" });
        db.People.AddRange(
            new PersonRow { Subject = "hoa-1", SharedInbox = "unit:PHUOC_HOA", MailAddress = "hoa1@tuyphuoc.local", DisabledKinds = [NotificationKind.AnnouncementIssued] },
            new PersonRow { Subject = "leader", SharedInbox = "block:economy", MailAddress = "leader@tuyphuoc.local" });
        await db.SaveChangesAsync(Ct);
        var drafts = AnnouncementRules.From(Issued()).ToList();
        var now = DateTimeOffset.UtcNow;

        var queued = await NotificationWriter.AddAsync(db, drafts, mail: true, now, Ct);
        var again = await NotificationWriter.AddAsync(db, drafts, mail: true, now, Ct);

        Assert.Equal((3, 0), (queued, again));
        Assert.Equal(8, await db.Notifications.CountAsync(Ct));
        Assert.Equal(["leader@tuyphuoc.local", "noivu@tuyphuoc.gov.vn", "ubndphuochoa@binhdinh.gov.vn"],
            await db.Outbox.Select(o => o.Address).OrderBy(a => a).ToListAsync(Ct));
        var store = new InboxStore(db, TimeProvider.System);
        foreach (var caller in new[]
        {
            new CallerScope("hoa-2", Roles.UnitReporter, "PHUOC_HOA", null, Grant.All),
            new CallerScope("vh", Roles.BlockLeader, null, "culture_society", Grant.All),
            new CallerScope("nv", Roles.HomeAffairs, null, null, Grant.All),
        })
        {
            var (items, _) = await store.ListAsync(caller, 50, null, unreadOnly: false, Ct);
            Assert.Equal("/thong-bao/2024/1/1", Assert.Single(items).Row.Link);
        }
        var (planning, _) = await store.ListAsync(new CallerScope("tckh", Roles.PlanningOffice, null, null, Grant.All), 50, null, unreadOnly: false, Ct);
        Assert.Empty(planning);
    }
}

using TuyPhuoc.Evaluation.Data;
using TuyPhuoc.Evaluation.Grpc;
using Proto = TuyPhuoc.Contracts.Evaluation.V1;
using Plans = TuyPhuoc.Contracts.Plans.V1;

namespace TuyPhuoc.Evaluation.Tests.Service;

/// <summary>WatchAnnouncements' reading, against a real PostgreSQL: the issues among the feed's entries, in order, each with what was issued.</summary>
public sealed class AnnouncementFeedTests(PostgresFixture postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Proto.Announcement Content(int quarter) => new()
    {
        Year = 2024, Quarter = quarter,
        Units = { new Plans.Unit { Code = "PHUOC_HOA", Kind = Plans.UnitKind.Commune }, new Plans.Unit { Code = "TC_KH", Kind = Plans.UnitKind.Office } },
    };

    [Fact]
    public async Task IssuesAfter_TwoVersionsAmongResultChanges_OnlyTheIssuesInOrderWithNumberDateAndUnits_AndFromASequenceOn()
    {
        await using var db = await postgres.NewDatabaseAsync();
        var announcements = new Announcements(db, TimeProvider.System);
        await announcements.AddAsync(Content(1), "45/TB-UBND", new DateOnly(2024, 4, 10), "tckh", Ct);
        db.Add(ChangeLogEntry.For(ChangeKinds.ResultChanged, "PHUOC_HOA/CT02/2024"));
        await db.SaveChangesAsync(Ct);
        await announcements.AddAsync(Content(1), "52/TB-UBND", new DateOnly(2024, 4, 15), "tckh", Ct);
        await db.SaveChangesAsync(Ct);
        await db.SequenceCommittedAsync(Ct);

        var entries = await announcements.IssuesAfterAsync(0, Ct);
        var issued = await announcements.IssuedAsync(entries, Ct);
        var changes = entries.Select(e => Mapping.ToChange(e, issued[e.Key])).ToList();
        var later = await announcements.IssuesAfterAsync(changes[0].Sequence, Ct);

        Assert.Equal([(1, "45/TB-UBND", 10), (2, "52/TB-UBND", 15)], changes.Select(c => (c.Version, c.Number, c.Date.Day)));
        Assert.Equal([1L, 3L], changes.Select(c => c.Sequence));
        Assert.All(changes, c => Assert.Equal((2024, 1), (c.Year, c.Quarter)));
        Assert.All(changes, c => Assert.Equal(["PHUOC_HOA", "TC_KH"], c.Units.Select(u => u.Code)));
        Assert.All(changes, c => Assert.NotNull(c.IssuedAt));
        Assert.Equal([3L], later.Select(e => e.Sequence!.Value));
    }
}

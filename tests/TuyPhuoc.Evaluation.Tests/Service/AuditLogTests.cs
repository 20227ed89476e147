using TuyPhuoc.ChangeFeeds;
using TuyPhuoc.Contracts.Audit.V1;

namespace TuyPhuoc.Evaluation.Tests.Service;

/// <summary>The change log read as an audit (the kit's query, on a real PostgreSQL): newest first, before and after, filters, pages.</summary>
public sealed class AuditLogTests(PostgresFixture postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task List_AboutASubject_NewestFirstEachWithThePreviousOfItsFamily_FiltersAndPages()
    {
        await using var db = await postgres.NewDatabaseAsync();
        ChangeLogEntry Entry(string kind, string key, string data, string? by) { var e = ChangeLogEntry.For(kind, key, data); e.By = by; return e; }
        db.AddRange(
            Entry("unit.created", "XA_A", """{"name":"Xã A"}""", "planning_office"),
            Entry("unit.renamed", "XA_A", """{"name":"Xã A mới"}""", "planning_office"),
            Entry("unit.created", "XA_B", """{"name":"Xã B"}""", null),
            Entry("plan.revised", "XA_A", """{"Year":2024}""", "planning_office"),
            Entry(ChangeKinds.ResultChanged, "XA_A", "{}", null));
        await db.SaveChangesAsync(Ct);
        await db.SequenceCommittedAsync(Ct);

        var about = await db.ListAsync(new ListAuditRequest { About = "XA_A" }, Ct, ChangeKinds.ResultChanged);
        var first = await db.ListAsync(new ListAuditRequest { About = "XA_A", PageSize = 1 }, Ct, ChangeKinds.ResultChanged);
        var rest = await db.ListAsync(new ListAuditRequest { About = "XA_A", PageSize = 1, BeforeSequence = first.NextBeforeSequence }, Ct, ChangeKinds.ResultChanged);
        var bySuite = await db.ListAsync(new ListAuditRequest { By = "suite" }, Ct, ChangeKinds.ResultChanged);
        var renames = await db.ListAsync(new ListAuditRequest { Kind = "unit." }, Ct);

        Assert.Equal(["plan.revised", "unit.renamed", "unit.created"], about.Entries.Select(e => e.Kind));
        Assert.Equal(("", """{"name": "Xã A"}"""), (about.Entries[0].Before, about.Entries[1].Before));
        Assert.Equal(("planning_office", ""), (about.Entries[1].By, about.Entries[2].Before));
        Assert.Equal("plan.revised", Assert.Single(first.Entries).Kind);
        Assert.Equal("unit.renamed", Assert.Single(rest.Entries).Kind);
        Assert.Equal(["XA_B"], bySuite.Entries.Select(e => e.Key));
        Assert.Equal(["XA_B", "XA_A", "XA_A"], renames.Entries.Select(e => e.Key));
        Assert.Equal(0, about.NextBeforeSequence);
    }
}

namespace TuyPhuoc.ChangeFeeds;

/// <summary>How far this service has followed another's change feed; moved in the transaction that applies the entries.</summary>
public sealed class FeedCursor
{
    public required string Feed { get; set; }
    public long Sequence { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>Every follower's cursors: one table, one rule (a cursor never moves back).</summary>
public static class FeedCursors
{
    /// <summary>What a follower keeps in the service's database: its cursors and its set-aside entries.</summary>
    public static void ConfigureFollowing(this ModelBuilder model)
    {
        model.ConfigureFeedCursors();
        model.ConfigureSetAsideEntries();
    }

    public static void ConfigureFeedCursors(this ModelBuilder model) => model.Entity<FeedCursor>(e =>
    {
        e.ToTable("feed_cursors");
        e.HasKey(x => x.Feed);
        e.Property(x => x.Feed).HasMaxLength(50);
    });

    public static Task<long> ReadAsync(DbContext db, string feed, CancellationToken ct) =>
        db.Set<FeedCursor>().AsNoTracking().Where(c => c.Feed == feed).Select(c => c.Sequence).SingleOrDefaultAsync(ct);

    /// <summary>In the caller's transaction; never moves a cursor back, so a replay cannot undo later progress.</summary>
    public static Task AdvanceAsync(DbContext db, string feed, long sequence, CancellationToken ct) => db.Database.ExecuteSqlAsync($"""
        INSERT INTO feed_cursors ("Feed", "Sequence", "UpdatedAt") VALUES ({feed}, {sequence}, now())
        ON CONFLICT ("Feed") DO UPDATE SET "Sequence" = GREATEST(feed_cursors."Sequence", EXCLUDED."Sequence"), "UpdatedAt" = EXCLUDED."UpdatedAt"
        """, ct);
}

namespace TuyPhuoc.Evaluation.Data;

/// <summary>The latest revision of a monthly actual, with the source sequence that set it (an older replay never overwrites it).</summary>
public sealed class ActualRow
{
    public int Year { get; set; }
    public required string IndicatorCode { get; set; }
    public required string UnitCode { get; set; }
    public int Month { get; set; }
    public decimal Value { get; set; }
    public long SourceSequence { get; set; }
}

/// <summary>One unit × indicator × year; the snapshot is the contract's IndicatorStatus with the four quarters.</summary>
public sealed class ResultRow
{
    public int Year { get; set; }
    public required string IndicatorCode { get; set; }
    public required string UnitCode { get; set; }
    public required string ReportingUnit { get; set; }
    public bool DistrictFigure { get; set; }
    public required string Source { get; set; }
    public required string Block { get; set; }
    public required byte[] Snapshot { get; set; }
    public required byte[] Hash { get; set; }
    public DateTimeOffset ComputedAt { get; set; }
}

/// <summary>The monthly sums and counts behind a district figure, kept by difference, with the fingerprint of the units they cover.</summary>
public sealed class DistrictTotalRow
{
    public int Year { get; set; }
    public required string IndicatorCode { get; set; }
    public required byte[] UnitsHash { get; set; }
    public required decimal[] Sums { get; set; }
    public required int[] Counts { get; set; }
}

public sealed class EvaluationDbContext(DbContextOptions<EvaluationDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder model)
    {
        model.ConfigureFollowing();
        // The hot paths read and write these three in plain SQL, with snake_case names.
        model.Entity<ActualRow>(e =>
        {
            e.ToTable("actuals");
            e.HasKey(x => new { x.Year, x.IndicatorCode, x.UnitCode, x.Month });
            e.Property(x => x.IndicatorCode).HasMaxLength(40);
            e.Property(x => x.UnitCode).HasMaxLength(40);
        });
        model.Entity<ResultRow>(e =>
        {
            e.ToTable("results");
            e.HasKey(x => new { x.Year, x.IndicatorCode, x.UnitCode });
            e.Property(x => x.IndicatorCode).HasMaxLength(40);
            e.Property(x => x.UnitCode).HasMaxLength(40);
            e.Property(x => x.ReportingUnit).HasMaxLength(40);
            e.Property(x => x.Source).HasMaxLength(20);
            e.Property(x => x.Block).HasMaxLength(40);
            e.HasIndex(x => new { x.Year, x.UnitCode });
            e.HasIndex(x => new { x.Year, x.ReportingUnit });
            e.HasIndex(x => new { x.Year, x.Block });
        });
        model.Entity<DistrictTotalRow>(e =>
        {
            e.ToTable("district_totals");
            e.HasKey(x => new { x.Year, x.IndicatorCode });
            e.Property(x => x.IndicatorCode).HasMaxLength(40);
        });
        model.Entity<PolicyVersionRow>(e =>
        {
            e.ToTable("policy_versions");
            e.HasKey(x => new { x.Year, x.Version });
            e.Property(x => x.RecordedBy).HasMaxLength(200);
        });
        model.Entity<ReportStateRow>(e =>
        {
            e.ToTable("report_states");
            e.HasKey(x => new { x.Year, x.UnitCode, x.Month });
            e.Property(x => x.UnitCode).HasMaxLength(40);
        });
        foreach (var table in new[] { typeof(ActualRow), typeof(ResultRow), typeof(DistrictTotalRow), typeof(PolicyVersionRow), typeof(ReportStateRow) })
        {
            foreach (var property in model.Entity(table).Metadata.GetProperties()) property.SetColumnName(SnakeCase(property.Name));
        }
        model.Entity<AnnouncementRow>(e =>
        {
            e.ToTable("announcements");
            e.HasKey(x => new { x.Year, x.Quarter, x.Version });
            e.Property(x => x.Number).HasMaxLength(AnnouncementRules.MaxNumberLength);
            e.Property(x => x.IssuedBy).HasMaxLength(200);
        });
        model.ConfigureChangeLog();
        // WatchAnnouncements reads only the issues among the many result changes.
        model.Entity<ChangeLogEntry>().HasIndex(x => x.Sequence, "IX_change_log_announcements").HasFilter($"\"Kind\" = '{ChangeKinds.AnnouncementIssued}'");
        model.ConfigureIdempotency();
    }

    private static string SnakeCase(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}

internal sealed class DesignTimeFactory : NpgsqlDesignTimeFactory<EvaluationDbContext>;

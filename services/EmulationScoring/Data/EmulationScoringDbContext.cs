namespace TuyPhuoc.EmulationScoring.Data;

public sealed class EmulationScoringDbContext(DbContextOptions<EmulationScoringDbContext> options) : DbContext(options)
{
    public DbSet<SchemeVersionRow> Schemes => Set<SchemeVersionRow>();
    public DbSet<IndicatorResultRow> IndicatorResults => Set<IndicatorResultRow>();
    public DbSet<ScoreRow> Scores => Set<ScoreRow>();
    public DbSet<YearStateRow> Years => Set<YearStateRow>();
    public DbSet<YearStateEvent> YearEvents => Set<YearStateEvent>();
    public DbSet<PendingRecompute> Pending => Set<PendingRecompute>();
    public DbSet<ChangeLogEntry> ChangeLog => Set<ChangeLogEntry>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.ConfigureChangeLog();
        model.ConfigureIdempotency();
        model.ConfigureFollowing();
        model.Entity<SchemeVersionRow>(e =>
        {
            e.ToTable("scheme_versions");
            e.HasKey(x => new { x.Year, x.Version });
            e.Property(x => x.RecordedBy).HasMaxLength(200);
        });
        model.Entity<IndicatorResultRow>(e =>
        {
            e.ToTable("indicator_results");
            e.HasKey(x => new { x.Year, x.UnitCode, x.IndicatorCode });
            e.Property(x => x.UnitCode).HasMaxLength(100);
            e.Property(x => x.IndicatorCode).HasMaxLength(100);
        });
        model.Entity<ScoreRow>(e =>
        {
            e.ToTable("scores");
            e.HasKey(x => new { x.Year, x.Quarter, x.UnitCode });
            e.Property(x => x.UnitCode).HasMaxLength(100);
            e.Property(x => x.Block).HasMaxLength(50);
            e.Property(x => x.ClassCode).HasMaxLength(50);
            e.Property(x => x.ClassName).HasMaxLength(200);
            e.Property(x => x.Total).HasPrecision(9, 2);
            e.Property(x => x.IndicatorPoints).HasPrecision(9, 2);
            e.Property(x => x.Deducted).HasPrecision(9, 2);
            e.HasIndex(x => new { x.Year, x.Quarter, x.Rank });
        });
        model.Entity<YearStateRow>(e =>
        {
            e.ToTable("years");
            e.HasKey(x => x.Year);
            e.Property(x => x.Year).ValueGeneratedNever();
            e.Property(x => x.ChangedBy).HasMaxLength(200);
            e.Property(x => x.Reason).HasMaxLength(1000);
        });
        model.Entity<YearStateEvent>(e =>
        {
            e.ToTable("year_events");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).UseIdentityAlwaysColumn();
            e.Property(x => x.Action).HasMaxLength(20);
            e.Property(x => x.By).HasMaxLength(200);
            e.Property(x => x.Reason).HasMaxLength(1000);
            e.HasIndex(x => x.Year);
        });
        model.Entity<PendingRecompute>(e =>
        {
            e.ToTable("pending_recomputes");
            e.HasKey(x => new { x.Year, x.UnitCode });
            e.Property(x => x.UnitCode).HasMaxLength(100);
            e.Property(x => x.TraceParent).HasMaxLength(128);
            e.Property(x => x.Stamp).IsConcurrencyToken();
        });
    }
}

/// <summary>One version of a year's scheme, kept as the proto message it was set with; versions are never rewritten.</summary>
public sealed class SchemeVersionRow
{
    public int Year { get; set; }
    public int Version { get; set; }
    public required byte[] Definition { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public required string RecordedBy { get; set; }
}

/// <summary>The latest result of one indicator of a unit from Evaluation's stream (IndicatorStatus as proto bytes).</summary>
public sealed class IndicatorResultRow
{
    public int Year { get; set; }
    public required string UnitCode { get; set; }
    public required string IndicatorCode { get; set; }
    public long Sequence { get; set; }
    public required byte[] Status { get; set; }
}

/// <summary>A unit's score for a year (quarter 0) or as of a quarter, with its place in the ranking.</summary>
public sealed class ScoreRow
{
    public int Year { get; set; }
    public int Quarter { get; set; }
    public required string UnitCode { get; set; }
    public required string Block { get; set; }
    public decimal Total { get; set; }
    public decimal IndicatorPoints { get; set; }
    public decimal Deducted { get; set; }
    public int Rank { get; set; }
    public int BlockRank { get; set; }
    public string ClassCode { get; set; } = "";
    public string ClassName { get; set; } = "";
    public bool HeldBackByCap { get; set; }
    public int SchemeVersion { get; set; }
    public DateTimeOffset ComputedAt { get; set; }
    /// <summary>The breakdown as a tuyphuoc.scoring.v1.Score message without its ranking fields.</summary>
    public required byte[] Breakdown { get; set; }
}

/// <summary>Whether a year is final; <see cref="RankingRevision"/> grows with every change of its scores (Redis keys carry it).</summary>
public sealed class YearStateRow
{
    public int Year { get; set; }
    public bool Final { get; set; }
    public DateTimeOffset? ChangedAt { get; set; }
    public string ChangedBy { get; set; } = "";
    public string Reason { get; set; } = "";
    public int SchemeVersion { get; set; }
    public long RankingRevision { get; set; }
}

/// <summary>The audit trail of finalisations and reopenings.</summary>
public sealed class YearStateEvent
{
    public long Id { get; set; }
    public int Year { get; set; }
    public required string Action { get; set; }
    public DateTimeOffset At { get; set; }
    public required string By { get; set; }
    public required string Reason { get; set; }
    public int SchemeVersion { get; set; }
}

/// <summary>
/// A unit whose scores must be recomputed ("*": every unit of the year), written in the transaction that moves
/// a cursor, so a change is never lost between the stream and the recomputation.
/// </summary>
public sealed class PendingRecompute
{
    public int Year { get; set; }
    public required string UnitCode { get; set; }
    public string? TraceParent { get; set; }
    /// <summary>Changes whenever the marker is set again, so a recomputation only clears what it has seen.</summary>
    public Guid Stamp { get; set; }
    public DateTimeOffset MarkedAt { get; set; }
}

internal sealed class DesignTimeFactory : NpgsqlDesignTimeFactory<EmulationScoringDbContext>;

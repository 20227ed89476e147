using Microsoft.EntityFrameworkCore;
using TuyPhuoc.ServiceDefaults;

namespace TuyPhuoc.Evaluation.Data;

/// <summary>How far the evaluation has read a source's change feed; moved in the transaction that applies the entries.</summary>
public sealed class FeedCursor
{
    public required string Source { get; set; }
    public long Sequence { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

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

public sealed class EvaluationDbContext(DbContextOptions<EvaluationDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder model)
    {
        model.ConfigureSetAsideEntries();
        model.Entity<FeedCursor>(e =>
        {
            e.ToTable("feed_cursors");
            e.HasKey(x => x.Source);
            e.Property(x => x.Source).HasColumnName("source").HasMaxLength(40);
            e.Property(x => x.Sequence).HasColumnName("sequence");
            e.Property(x => x.UpdatedAt).HasColumnName("updated_at");
        });
        model.Entity<ActualRow>(e =>
        {
            e.ToTable("actuals");
            e.HasKey(x => new { x.Year, x.IndicatorCode, x.UnitCode, x.Month });
            e.Property(x => x.Year).HasColumnName("year");
            e.Property(x => x.IndicatorCode).HasColumnName("indicator_code").HasMaxLength(40);
            e.Property(x => x.UnitCode).HasColumnName("unit_code").HasMaxLength(40);
            e.Property(x => x.Month).HasColumnName("month");
            e.Property(x => x.Value).HasColumnName("value");
            e.Property(x => x.SourceSequence).HasColumnName("source_sequence");
        });
        model.Entity<ResultRow>(e =>
        {
            e.ToTable("results");
            e.HasKey(x => new { x.Year, x.IndicatorCode, x.UnitCode });
            e.Property(x => x.Year).HasColumnName("year");
            e.Property(x => x.IndicatorCode).HasColumnName("indicator_code").HasMaxLength(40);
            e.Property(x => x.UnitCode).HasColumnName("unit_code").HasMaxLength(40);
            e.Property(x => x.ReportingUnit).HasColumnName("reporting_unit").HasMaxLength(40);
            e.Property(x => x.DistrictFigure).HasColumnName("district_figure");
            e.Property(x => x.Source).HasColumnName("source").HasMaxLength(20);
            e.Property(x => x.Block).HasColumnName("block").HasMaxLength(40);
            e.Property(x => x.Snapshot).HasColumnName("snapshot");
            e.Property(x => x.Hash).HasColumnName("hash");
            e.Property(x => x.ComputedAt).HasColumnName("computed_at");
            e.HasIndex(x => new { x.Year, x.UnitCode });
            e.HasIndex(x => new { x.Year, x.ReportingUnit });
            e.HasIndex(x => new { x.Year, x.Block });
        });
        model.ConfigureChangeLog();
        model.ConfigureIdempotency();
    }
}

internal sealed class DesignTimeFactory : NpgsqlDesignTimeFactory<EvaluationDbContext>;

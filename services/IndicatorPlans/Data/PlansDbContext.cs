namespace TuyPhuoc.IndicatorPlans.Data;

public sealed class PlansDbContext(DbContextOptions<PlansDbContext> options) : DbContext(options)
{
    public DbSet<OrgUnit> Units => Set<OrgUnit>();
    public DbSet<BlockInfo> Blocks => Set<BlockInfo>();
    public DbSet<Indicator> Indicators => Set<Indicator>();
    public DbSet<PlanRevision> Revisions => Set<PlanRevision>();
    public DbSet<PlanTarget> Targets => Set<PlanTarget>();
    public DbSet<ChangeLogEntry> ChangeLog => Set<ChangeLogEntry>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<OrgUnit>(e =>
        {
            e.ToTable("units");
            e.HasKey(u => u.Code);
            e.Property(u => u.Code).HasMaxLength(40);
            e.Property(u => u.Name).HasMaxLength(200);
            e.HasIndex(u => u.ParentCode);
        });
        model.Entity<BlockInfo>(e =>
        {
            e.ToTable("blocks");
            e.HasKey(b => b.Block);
        });
        model.Entity<Indicator>(e =>
        {
            e.ToTable("indicators");
            e.HasKey(i => i.Code);
            e.Property(i => i.Code).HasMaxLength(40);
            e.Property(i => i.Name).HasMaxLength(300);
        });
        model.Entity<PlanRevision>(e =>
        {
            e.ToTable("plan_revisions");
            e.HasKey(r => new { r.Year, r.Number });
            e.HasMany(r => r.Targets).WithOne().HasForeignKey(t => new { t.Year, t.Revision });
        });
        model.Entity<PlanTarget>(e =>
        {
            e.ToTable("plan_targets");
            e.HasIndex(t => new { t.Year, t.Revision, t.IndicatorCode }).IsUnique();
            e.OwnsMany(t => t.Allocations, a => a.ToJson());
        });
        model.ConfigureChangeLog();
        model.ConfigureIdempotency();
    }
}

internal sealed class DesignTimeFactory : NpgsqlDesignTimeFactory<PlansDbContext>;

namespace TuyPhuoc.KeyTasks.Data;

public sealed class KeyTasksDbContext(DbContextOptions<KeyTasksDbContext> options) : DbContext(options)
{
    public DbSet<Decision> Decisions => Set<Decision>();
    public DbSet<KeyTask> Tasks => Set<KeyTask>();
    public DbSet<ChangeLogEntry> ChangeLog => Set<ChangeLogEntry>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<Decision>(e =>
        {
            e.ToTable("decisions");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.Year, x.Number }).IsUnique();
            e.Property(x => x.Number).HasMaxLength(DecisionRules.MaxNumberLength);
            e.Property(x => x.Title).HasMaxLength(DecisionRules.MaxTitleLength);
            e.Property(x => x.CreatedBy).HasMaxLength(200);
            e.HasMany(x => x.Tasks).WithOne().HasForeignKey(t => t.DecisionId);
        });
        model.Entity<KeyTask>(e =>
        {
            e.ToTable("key_tasks");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.Year, x.Block });
            e.HasIndex(x => new { x.Year, x.LeadUnitCode });
            e.Property(x => x.DecisionNumber).HasMaxLength(DecisionRules.MaxNumberLength);
            e.Property(x => x.Number).HasMaxLength(DecisionRules.MaxNumberLength);
            e.Property(x => x.Field).HasMaxLength(DecisionRules.MaxShortText);
            e.Property(x => x.Content).HasMaxLength(DecisionRules.MaxContentLength);
            e.Property(x => x.LeadUnitCode).HasMaxLength(40);
            e.Property(x => x.Block).HasMaxLength(40);
            e.Property(x => x.Product).HasMaxLength(DecisionRules.MaxShortText);
            e.Property(x => x.Note).HasMaxLength(DecisionRules.MaxContentLength);
            e.HasMany(x => x.Progress).WithOne().HasForeignKey(p => p.TaskId);
            e.HasMany(x => x.Comments).WithOne().HasForeignKey(c => c.TaskId);
            e.HasMany(x => x.Extensions).WithOne().HasForeignKey(x => x.TaskId);
        });
        model.Entity<ProgressReport>(e =>
        {
            e.ToTable("progress_reports");
            e.Property(x => x.Id).UseIdentityAlwaysColumn();
            e.Property(x => x.WorkDone).HasMaxLength(TaskWorkflow.MaxTextLength);
            e.Property(x => x.Difficulties).HasMaxLength(TaskWorkflow.MaxTextLength);
            e.Property(x => x.ProductReference).HasMaxLength(TaskWorkflow.MaxReferenceLength);
            e.Property(x => x.ReportedBy).HasMaxLength(200);
            e.Property(x => x.ReportedFor).HasMaxLength(40);
        });
        model.Entity<TaskComment>(e =>
        {
            e.ToTable("task_comments");
            e.Property(x => x.Id).UseIdentityAlwaysColumn();
            e.Property(x => x.UnitCode).HasMaxLength(40);
            e.Property(x => x.Text).HasMaxLength(TaskWorkflow.MaxTextLength);
            e.Property(x => x.By).HasMaxLength(200);
        });
        model.Entity<ExtensionRequest>(e =>
        {
            e.ToTable("extension_requests");
            e.Property(x => x.Id).UseIdentityAlwaysColumn();
            e.Property(x => x.Reason).HasMaxLength(TaskWorkflow.MaxTextLength);
            e.Property(x => x.DecisionReason).HasMaxLength(TaskWorkflow.MaxTextLength);
            e.Property(x => x.RequestedBy).HasMaxLength(200);
            e.Property(x => x.DecidedBy).HasMaxLength(200);
        });
        model.ConfigureChangeLog();
        model.ConfigureIdempotency();
        model.ConfigureFollowing();
    }
}

internal sealed class DesignTimeFactory : NpgsqlDesignTimeFactory<KeyTasksDbContext>;

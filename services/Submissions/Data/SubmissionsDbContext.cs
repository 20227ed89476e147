namespace TuyPhuoc.Submissions.Data;

public sealed class SubmissionsDbContext(DbContextOptions<SubmissionsDbContext> options) : DbContext(options)
{
    public const string RevisionsTable = "actual_revisions";

    public DbSet<ActualRevision> Revisions => Set<ActualRevision>();
    public DbSet<Report> Reports => Set<Report>();
    public DbSet<DeadlineSetting> Deadlines => Set<DeadlineSetting>();
    public DbSet<Escalation> Escalations => Set<Escalation>();
    public DbSet<OfficeReview> Reviews => Set<OfficeReview>();
    public DbSet<LeaderDirection> Directions => Set<LeaderDirection>();
    public DbSet<ChangeLogEntry> ChangeLog => Set<ChangeLogEntry>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<ActualRevision>(e =>
        {
            e.ToTable(RevisionsTable);
            // The key is the cell and its revision number: two concurrent corrections cannot both take the same number.
            e.HasKey(r => new { r.UnitCode, r.Year, r.IndicatorCode, r.Month, r.Revision });
            e.Property(r => r.UnitCode).HasMaxLength(40);
            e.Property(r => r.IndicatorCode).HasMaxLength(40);
            e.Property(r => r.Note).HasMaxLength(ActualRules.MaxNoteLength);
            e.Property(r => r.Solutions).HasMaxLength(ActualRules.MaxNoteLength);
            e.Property(r => r.RecordedBy).HasMaxLength(200);
            e.Ignore(r => r.CellKey);
        });
        model.Entity<Report>(e =>
        {
            e.ToTable("reports");
            e.HasKey(r => new { r.UnitCode, r.Year, r.Month });
            e.Property(r => r.UnitCode).HasMaxLength(40);
            e.Property(r => r.ReturnReason).HasMaxLength(ReportWorkflow.MaxReasonLength);
            e.HasMany(r => r.Events).WithOne().HasForeignKey(x => new { x.UnitCode, x.Year, x.Month });
            e.HasIndex(r => new { r.Year, r.Month, r.Status });
            e.Ignore(r => r.Key);
        });
        model.Entity<ReportEvent>(e =>
        {
            e.ToTable("report_events");
            e.Property(x => x.Id).UseIdentityAlwaysColumn();
            e.Property(x => x.By).HasMaxLength(200);
            e.Property(x => x.Reason).HasMaxLength(ReportWorkflow.MaxReasonLength);
        });
        model.Entity<DeadlineSetting>(e =>
        {
            e.ToTable("deadlines");
            e.HasKey(d => d.Year);
            e.Property(d => d.Year).ValueGeneratedNever();
        });
        model.Entity<Escalation>(e =>
        {
            e.ToTable("escalations");
            e.HasKey(x => x.Id);
            e.Property(x => x.UnitCode).HasMaxLength(40);
            e.Property(x => x.AssignedOfficeCode).HasMaxLength(40);
            e.Property(x => x.Title).HasMaxLength(EscalationWorkflow.MaxTitleLength);
            e.Property(x => x.Description).HasMaxLength(EscalationWorkflow.MaxTextLength);
            e.Property(x => x.Answer).HasMaxLength(EscalationWorkflow.MaxTextLength);
            e.Property(x => x.ReferredTo).HasMaxLength(EscalationWorkflow.MaxAuthorityLength);
            e.Property(x => x.ReferralNumber).HasMaxLength(EscalationWorkflow.MaxDocumentNumberLength);
            e.Property(x => x.AnsweredAbove).HasMaxLength(EscalationWorkflow.MaxAuthorityLength);
            e.Property(x => x.AnswerNumber).HasMaxLength(EscalationWorkflow.MaxDocumentNumberLength);
            e.HasMany(x => x.Steps).WithOne().HasForeignKey(s => s.EscalationId);
            e.HasIndex(x => new { x.Year, x.Status });
        });
        model.Entity<EscalationStep>(e =>
        {
            e.ToTable("escalation_steps");
            e.Property(x => x.Id).UseIdentityAlwaysColumn();
            e.Property(x => x.By).HasMaxLength(200);
            e.Property(x => x.Text).HasMaxLength(EscalationWorkflow.MaxTextLength);
        });
        model.Entity<OfficeReview>(e =>
        {
            e.ToTable("office_reviews");
            e.HasKey(x => new { x.OfficeCode, x.Year, x.Quarter });
            e.Property(x => x.OfficeCode).HasMaxLength(40);
            e.Property(x => x.Summary).HasMaxLength(ReviewRules.MaxTextLength);
            e.Property(x => x.FiledBy).HasMaxLength(200);
            e.OwnsMany(x => x.Items, items => items.ToJson());
        });
        model.Entity<LeaderDirection>(e =>
        {
            e.ToTable("directions");
            e.HasKey(x => x.Id);
            e.Property(x => x.Block).HasMaxLength(40);
            e.Property(x => x.UnitCode).HasMaxLength(40);
            e.Property(x => x.IndicatorCode).HasMaxLength(40);
            e.Property(x => x.Text).HasMaxLength(DirectionRules.MaxTextLength);
            e.Property(x => x.Answer).HasMaxLength(DirectionRules.MaxTextLength);
            e.Property(x => x.GivenBy).HasMaxLength(200);
            e.Property(x => x.AnsweredBy).HasMaxLength(200);
            e.HasIndex(x => new { x.Year, x.UnitCode });
        });
        model.ConfigureChangeLog();
        model.ConfigureIdempotency();
        model.ConfigureFollowing();
    }
}

internal sealed class DesignTimeFactory : NpgsqlDesignTimeFactory<SubmissionsDbContext>;

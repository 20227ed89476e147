namespace TuyPhuoc.Notifications.Data;

public sealed class NotificationRow
{
    public long Id { get; set; }
    public required string EventKey { get; set; }
    public required string Inbox { get; set; }
    public NotificationKind Kind { get; set; }
    public required string Title { get; set; }
    public required string Body { get; set; }
    public required string Link { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A notification read by one person (a unit's notification is read or unread per person).</summary>
public sealed class NotificationRead
{
    public long NotificationId { get; set; }
    public required string Reader { get; set; }
    public DateTimeOffset ReadAt { get; set; }
}

/// <summary>A person who set preferences: what they turned off, their own address, and the shared inbox they read.</summary>
public sealed class PersonRow
{
    public required string Subject { get; set; }
    public string? SharedInbox { get; set; }
    public string? MailAddress { get; set; }
    public List<NotificationKind> DisabledKinds { get; set; } = [];
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>The official address of a unit's (or a role's, a block's) inbox, set by the planning office.</summary>
public sealed class MailAddressRow
{
    public required string Inbox { get; set; }
    public required string Address { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

public sealed class MandatoryKindRow
{
    public NotificationKind Kind { get; set; }
}

/// <summary>
/// One mail to one recipient for one event: the outbox. Unique on (event, recipient, channel), so however often an
/// event is taken in (a replayed feed, a restart, a second reminder sweep) it is mailed to each recipient at most once.
/// </summary>
public sealed class OutboxRow
{
    public long Id { get; set; }
    public long NotificationId { get; set; }
    public required string EventKey { get; set; }
    /// <summary>The inbox whose official address it goes to, or "person:&lt;sub&gt;" for a person's own copy.</summary>
    public required string Recipient { get; set; }
    public required string Channel { get; set; }
    public required string Address { get; set; }
    public DeliveryStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
}

public sealed class NotificationsDbContext(DbContextOptions<NotificationsDbContext> options) : DbContext(options)
{
    public const string MailChannel = "mail";

    public DbSet<NotificationRow> Notifications => Set<NotificationRow>();
    public DbSet<NotificationRead> Reads => Set<NotificationRead>();
    public DbSet<PersonRow> People => Set<PersonRow>();
    public DbSet<MailAddressRow> MailAddresses => Set<MailAddressRow>();
    public DbSet<MandatoryKindRow> MandatoryKinds => Set<MandatoryKindRow>();
    public DbSet<OutboxRow> Outbox => Set<OutboxRow>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.ConfigureIdempotency();
        model.ConfigureFollowing();
        model.Entity<NotificationRow>(e =>
        {
            e.ToTable("notifications");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).UseIdentityAlwaysColumn();
            e.HasIndex(x => new { x.EventKey, x.Inbox }).IsUnique();
            e.HasIndex(x => new { x.Inbox, x.Id });
            e.Property(x => x.EventKey).HasMaxLength(100);
            e.Property(x => x.Inbox).HasMaxLength(250);
            e.Property(x => x.Title).HasMaxLength(300);
            e.Property(x => x.Body).HasMaxLength(8000);
            e.Property(x => x.Link).HasMaxLength(500);
        });
        model.Entity<NotificationRead>(e =>
        {
            e.ToTable("notification_reads");
            e.HasKey(x => new { x.NotificationId, x.Reader });
            e.Property(x => x.Reader).HasMaxLength(200);
            e.HasIndex(x => new { x.Reader, x.NotificationId });
        });
        model.Entity<PersonRow>(e =>
        {
            e.ToTable("people");
            e.HasKey(x => x.Subject);
            e.Property(x => x.Subject).HasMaxLength(200);
            e.Property(x => x.SharedInbox).HasMaxLength(250);
            e.Property(x => x.MailAddress).HasMaxLength(320);
            e.HasIndex(x => x.SharedInbox);
        });
        model.Entity<MailAddressRow>(e =>
        {
            e.ToTable("mail_addresses");
            e.HasKey(x => x.Inbox);
            e.Property(x => x.Inbox).HasMaxLength(250);
            e.Property(x => x.Address).HasMaxLength(320);
        });
        model.Entity<MandatoryKindRow>(e =>
        {
            e.ToTable("mandatory_kinds");
            e.HasKey(x => x.Kind);
            e.Property(x => x.Kind).ValueGeneratedNever();
        });
        model.Entity<OutboxRow>(e =>
        {
            e.ToTable("mail_outbox");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).UseIdentityAlwaysColumn();
            e.HasIndex(x => new { x.EventKey, x.Recipient, x.Channel }).IsUnique();
            e.HasIndex(x => new { x.Status, x.NextAttemptAt });
            e.HasIndex(x => new { x.Recipient, x.SentAt });
            e.Property(x => x.EventKey).HasMaxLength(100);
            e.Property(x => x.Recipient).HasMaxLength(250);
            e.Property(x => x.Channel).HasMaxLength(20);
            e.Property(x => x.Address).HasMaxLength(320);
            e.Property(x => x.LastError).HasMaxLength(500);
        });
    }
}

internal sealed class DesignTimeFactory : NpgsqlDesignTimeFactory<NotificationsDbContext>;

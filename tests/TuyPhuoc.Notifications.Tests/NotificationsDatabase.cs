using TuyPhuoc.Notifications.Data;
using TuyPhuoc.Notifications.Tests;
using TuyPhuoc.Tests.Postgres;

[assembly: AssemblyFixture(typeof(NotificationsDatabase))]

namespace TuyPhuoc.Notifications.Tests;

/// <summary>A real PostgreSQL server for the tests of what the inboxes and the outbox store.</summary>
public sealed class NotificationsDatabase : PostgresServer
{
    /// <summary>A fresh, migrated notificationsdb for one test.</summary>
    public Task<NotificationsDbContext> NewDatabaseAsync() => NewDatabaseAsync<NotificationsDbContext>(o => new(o));
}

using Microsoft.EntityFrameworkCore;
using TuyPhuoc.ServiceDefaults;

namespace TuyPhuoc.Submissions.Data;

public sealed class SubmissionsDbContext(DbContextOptions<SubmissionsDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder model)
    {
        model.ConfigureChangeLog();
        model.ConfigureIdempotency();
    }
}

internal sealed class DesignTimeFactory : NpgsqlDesignTimeFactory<SubmissionsDbContext>;

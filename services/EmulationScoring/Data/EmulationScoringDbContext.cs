using Microsoft.EntityFrameworkCore;
using TuyPhuoc.ServiceDefaults;

namespace TuyPhuoc.EmulationScoring.Data;

public sealed class EmulationScoringDbContext(DbContextOptions<EmulationScoringDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder model)
    {
        model.ConfigureChangeLog();
        model.ConfigureIdempotency();
    }
}

internal sealed class DesignTimeFactory : NpgsqlDesignTimeFactory<EmulationScoringDbContext>;

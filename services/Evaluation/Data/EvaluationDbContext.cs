using Microsoft.EntityFrameworkCore;
using TuyPhuoc.ServiceDefaults;

namespace TuyPhuoc.Evaluation.Data;

public sealed class EvaluationDbContext(DbContextOptions<EvaluationDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder model)
    {
        model.ConfigureChangeLog();
        model.ConfigureIdempotency();
    }
}

internal sealed class DesignTimeFactory : NpgsqlDesignTimeFactory<EvaluationDbContext>;

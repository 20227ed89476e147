using TuyPhuoc.EmulationScoring.Data;
using TuyPhuoc.ServiceDefaults;

namespace Microsoft.Extensions.Hosting;

public static class EmulationScoringExtensions
{
    public static void AddEmulationScoringServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<EmulationScoringDbContext>(ResourceNames.ScoringDb);
        builder.Services.AddMigration<EmulationScoringDbContext>();
        builder.AddSuiteGrpc(TuyPhuoc.Contracts.Scoring.V1.EmulationScoring.Descriptor.FullName);
    }
}

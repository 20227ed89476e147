using TuyPhuoc.Evaluation.Data;
using TuyPhuoc.ServiceDefaults;

namespace Microsoft.Extensions.Hosting;

public static class EvaluationExtensions
{
    public static void AddEvaluationServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<EvaluationDbContext>(ResourceNames.EvaluationDb);
        builder.Services.AddMigration<EvaluationDbContext>();
        builder.AddSuiteGrpc(TuyPhuoc.Contracts.Evaluation.V1.Evaluation.Descriptor.FullName);
    }
}

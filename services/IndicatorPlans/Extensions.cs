namespace Microsoft.Extensions.Hosting;

public static class IndicatorPlansExtensions
{
    public const string GrpcServiceName = "tuyphuoc.plans.v1.IndicatorPlans";

    public static void AddIndicatorPlansServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<PlansDbContext>(ResourceNames.PlansDb);
        builder.Services.AddMigration<PlansDbContext, PlansSeeder>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddChangeLogSequencer<PlansDbContext>();
        builder.Services.AddScoped<PlansStore>();
        builder.AddSuiteGrpc(GrpcServiceName);
    }
}

using PlansClient = TuyPhuoc.Contracts.Plans.V1.IndicatorPlans.IndicatorPlansClient;

namespace Microsoft.Extensions.Hosting;

public static class SubmissionsExtensions
{
    public static void AddSubmissionsServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<SubmissionsDbContext>(ResourceNames.SubmissionsDb);
        builder.Services.AddMigration<SubmissionsDbContext>();
        builder.Services.AddChangeLogSequencer<SubmissionsDbContext>();
        builder.Services.AddSingleton<SubmissionsMetrics>();
        builder.AddSuiteGrpcClient<PlansClient>(ResourceNames.IndicatorPlans);
        builder.Services.AddPlanReader<SubmissionsDbContext>();
        builder.Services.AddSingleton<PlanViews>();
        builder.Services.AddHostedService<ReportsWatch>();
        builder.Services.AddSingleton<SubmissionWriter>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SubmissionWriter>());
        builder.Services.AddScoped<IdempotentWrites>();
        builder.Services.AddScoped<ActualsStore>();
        builder.Services.AddScoped<ReportsStore>();
        builder.Services.AddScoped<EscalationsStore>();
        builder.Services.AddScoped<ReviewsStore>();
        builder.Services.AddScoped<ChangeFeedStore>();
        builder.Services.AddScoped<ActualsImport>();
        builder.AddSuiteGrpc(TuyPhuoc.Contracts.Submissions.V1.Submissions.Descriptor.FullName);
    }
}

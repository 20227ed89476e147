using PlansClient = TuyPhuoc.Contracts.Plans.V1.IndicatorPlans.IndicatorPlansClient;

namespace Microsoft.Extensions.Hosting;

public static class KeyTasksExtensions
{
    public static void AddKeyTasksServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<KeyTasksDbContext>(ResourceNames.TasksDb);
        builder.Services.AddMigration<KeyTasksDbContext, DemoTasksSeeder>();
        builder.Services.AddChangeLogSequencer<KeyTasksDbContext>();
        builder.AddSuiteGrpcClient<PlansClient>(ResourceNames.IndicatorPlans);
        builder.Services.AddPlanReader<KeyTasksDbContext>();
        builder.Services.AddSingleton<PlanUnitsReader>();
        builder.Services.AddScoped<TasksStore>();
        builder.AddSuiteGrpc(TuyPhuoc.Contracts.Tasks.V1.KeyTasks.Descriptor.FullName);
    }
}

namespace Microsoft.Extensions.Hosting;

public static class EmulationScoringExtensions
{
    public static void AddEmulationScoringServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<EmulationScoringDbContext>(ResourceNames.ScoringDb);
        builder.Services.AddMigration<EmulationScoringDbContext, SchemeSeeder>();
        builder.AddRedisClient(ResourceNames.Redis);
        builder.AddSuiteGrpcClient<Plans.IndicatorPlans.IndicatorPlansClient>(ResourceNames.IndicatorPlans);
        builder.AddSuiteGrpcClient<Eval.Evaluation.EvaluationClient>(ResourceNames.Evaluation);
        builder.AddSuiteGrpcClient<Subs.Submissions.SubmissionsClient>(ResourceNames.Submissions);
        builder.AddSuiteGrpcClient<TuyPhuoc.Contracts.Tasks.V1.KeyTasks.KeyTasksClient>(ResourceNames.KeyTasks);

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<DatabaseReady>();
        builder.Services.AddChangeLogSequencer<EmulationScoringDbContext>();
        builder.Services.AddSingleton<ScoringTelemetry>();
        builder.Services.AddPlanReader<EmulationScoringDbContext>();
        builder.Services.AddScoped<IScoringInputs, SuiteInputs>();
        builder.Services.AddScoped<ScoringStore>();
        builder.Services.AddScoped<RankingReader>();
        builder.Services.AddScoped<Recomputer>();
        builder.Services.AddFollower<EvaluationFollower>();
        builder.Services.AddFollower<SubmissionsFollower>();
        builder.Services.AddFollower<KeyTasksFollower>();
        builder.Services.AddHostedService<RecomputeWorker>();
        builder.Services.AddHostedService<DeadlineSweep>();
        builder.AddSuiteGrpc(TuyPhuoc.Contracts.Scoring.V1.EmulationScoring.Descriptor.FullName);
    }
}

namespace Microsoft.Extensions.Hosting;

public static class EvaluationExtensions
{
    public static void AddEvaluationServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<EvaluationDbContext>(ResourceNames.EvaluationDb);
        builder.Services.AddMigration<EvaluationDbContext>();
        // Redis is only a cache here: it does not decide health, and commands fail fast rather than queue while it is down.
        builder.AddRedisClient(ResourceNames.Redis, s => s.DisableHealthChecks = true, o =>
        {
            o.AbortOnConnectFail = false;
            o.BacklogPolicy = BacklogPolicy.FailFast;
        });
        builder.AddSuiteGrpcClient<Plans.IndicatorPlans.IndicatorPlansClient>(ResourceNames.IndicatorPlans);
        builder.AddSuiteGrpcClient<Submissions.Submissions.SubmissionsClient>(ResourceNames.Submissions);
        builder.AddSuiteGrpcClient<TuyPhuoc.Contracts.Tasks.V1.KeyTasks.KeyTasksClient>(ResourceNames.KeyTasks);

        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddChangeLogSequencer<EvaluationDbContext>();
        services.AddSingleton<EvaluationMetrics>();
        services.AddSingleton<ICacheBackend, RedisCacheBackend>();
        services.AddSingleton<ResultCache>();
        // Evaluation's own plans-feed consumer invalidates the plans a change touches, before it evaluates with them.
        services.AddPlanReader(readsRevisions: true);
        services.AddSingleton<IPlanSource, PublishedPlanSource>();
        services.AddScoped<EvaluationStore>();
        services.AddScoped<PolicyStore>();
        services.AddScoped<Announcements>();
        services.AddScoped<AnnouncementContent>();
        services.AddScoped<ReportStates>();
        services.AddScoped<ResultPublisher>();
        services.AddScoped<IncrementalPass>();
        services.AddScoped<FullRecompute>();
        services.AddSingleton<KeyTaskFigures>();
        services.AddScoped<Reports>();
        services.AddSingleton<PlansFeed>();
        services.AddSingleton<SubmissionsFeed>();
        services.AddFollower<FeedConsumer<PlansFeed>>();
        services.AddFollower<FeedConsumer<SubmissionsFeed>>();
        services.AddHostedService<PolicyCatchUp>();
        builder.AddSuiteGrpc(TuyPhuoc.Contracts.Evaluation.V1.Evaluation.Descriptor.FullName);
    }
}

namespace TuyPhuoc.ServiceDefaults;

/// <summary>Names of the resources of the suite, shared by the AppHost, the services and the tests.</summary>
public static class ResourceNames
{
    public const string Postgres = "postgres";
    public const string Redis = "redis";
    public const string PlansDb = "plansdb";
    public const string SubmissionsDb = "submissionsdb";
    public const string EvaluationDb = "evaluationdb";
    public const string ScoringDb = "scoringdb";
    public const string TasksDb = "tasksdb";
    public const string NotificationsDb = "notificationsdb";
    public const string IndicatorPlans = "indicatorplans";
    public const string Submissions = "submissions";
    public const string Evaluation = "evaluation";
    public const string EmulationScoring = "emulationscoring";
    public const string KeyTasks = "keytasks";
    public const string Notifications = "notifications";
    /// <summary>The SMTP server the notifications are mailed through (smtp4dev in local runs), and its connection string.</summary>
    public const string Smtp = "smtp";
    public const string Gateway = "gateway";
    public const string Portal = "portal";
    public const string DemoLoader = "demo-loader";
    /// <summary>The parameter holding the run's development signing key.</summary>
    public const string DevSigningKey = "dev-signing-key";

    /// <summary>The HTTP/1 endpoint (health) and the HTTP/2 endpoint (gRPC) of every service.</summary>
    public const string HttpEndpoint = "http";
    public const string GrpcEndpoint = "grpc";

    /// <summary>Service-discovery address of a service's gRPC endpoint.</summary>
    public static Uri GrpcAddress(string service) => new($"http://_{GrpcEndpoint}.{service}");
}

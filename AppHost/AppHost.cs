using TuyPhuoc.AppHost;
using TuyPhuoc.AppHost.Infrastructure;
using TuyPhuoc.ServiceDefaults;

var builder = DistributedApplication.CreateBuilder(args);

SuiteInfrastructure infrastructure;
SuiteAuth auth;
try
{
    infrastructure = new SuiteInfrastructure(builder);
    auth = new SuiteAuth(builder);
}
catch (SetupException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}

IResourceBuilder<ProjectResource> Service<TProject>(string name, string database) where TProject : IProjectMetadata, new() =>
    auth.Service(builder.AddProject<TProject>(name))
        .WithDirectEndpoints()
        .WithSettings("Telemetry")
        .WithReference(infrastructure.Database(database))
        .WithReference(infrastructure.Redis)
        // The services create and migrate their own databases, so they wait on the server itself.
        .WaitFor(infrastructure.Postgres)
        .WaitFor(infrastructure.Redis)
        .WithHttpHealthCheck("/health", endpointName: ResourceNames.HttpEndpoint);

var plans = Service<Projects.TuyPhuoc_IndicatorPlans>(ResourceNames.IndicatorPlans, ResourceNames.PlansDb);

var submissions = Service<Projects.TuyPhuoc_Submissions>(ResourceNames.Submissions, ResourceNames.SubmissionsDb)
    .WithReference(plans).WaitFor(plans);

var keyTasks = Service<Projects.TuyPhuoc_KeyTasks>(ResourceNames.KeyTasks, ResourceNames.TasksDb)
    .WithReference(plans).WaitFor(plans);

// The reports carry the key tasks' statuses, asked of KeyTasks when a report is read.
var evaluation = Service<Projects.TuyPhuoc_Evaluation>(ResourceNames.Evaluation, ResourceNames.EvaluationDb)
    .WithReference(plans).WithReference(submissions).WithReference(keyTasks).WaitFor(plans).WaitFor(submissions);

var scoring = Service<Projects.TuyPhuoc_EmulationScoring>(ResourceNames.EmulationScoring, ResourceNames.ScoringDb)
    .WithReference(plans).WithReference(submissions).WithReference(evaluation).WithReference(keyTasks).WaitFor(evaluation).WaitFor(keyTasks);

// Mail: smtp4dev in local runs (its web inbox on the dashboard), the relay of ConnectionStrings:smtp in production.
var smtp = builder.AddSmtp(ResourceNames.Smtp);

var notifications = Service<Projects.TuyPhuoc_Notifications>(ResourceNames.Notifications, ResourceNames.NotificationsDb)
    .WithReference(submissions).WithReference(keyTasks).WithReference(evaluation).WithReference(smtp).WaitFor(submissions).WaitFor(keyTasks).WaitFor(smtp)
    .WithSettings("Notifications");

var gateway = auth.Gateway(builder.AddProject<Projects.TuyPhuoc_Gateway>(ResourceNames.Gateway))
    .WithDirectEndpoints()
    .WithSettings("Telemetry")
    .WithReference(plans).WithReference(submissions).WithReference(evaluation).WithReference(scoring).WithReference(keyTasks).WithReference(notifications)
    .WaitFor(plans).WaitFor(submissions).WaitFor(evaluation).WaitFor(scoring).WaitFor(keyTasks).WaitFor(notifications)
    .WithSettings("RateLimits")
    // The gateway only relays: socket completions run where they complete instead of waiting for a thread-pool thread.
    .WithEnvironment("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1")
    .WithHttpHealthCheck("/health", endpointName: ResourceNames.HttpEndpoint)
    .WithExternalHttpEndpoints();

// The officials' web portal: it calls the suite only through the gateway, with the signed-in person's token (before anyone signs in, with its own).
var portal = auth.Portal(builder.AddProject<Projects.TuyPhuoc_Portal>(ResourceNames.Portal))
    // The AppHost's environment: Development in a local run, the only one with the password-less development sign-in.
    .WithEnvironment("ASPNETCORE_ENVIRONMENT", builder.Environment.EnvironmentName)
    .WithDirectEndpoints()
    .WithSettings("Telemetry")
    .WithReference(gateway).WaitFor(gateway)
    .WithHttpHealthCheck("/health", endpointName: ResourceNames.HttpEndpoint)
    .WithExternalHttpEndpoints();

// A mail's link opens the page concerned in the portal.
notifications.WithEnvironment("Notifications__PortalBaseUrl", portal.GetEndpoint(ResourceNames.HttpEndpoint));

// --Demo:Load=true: the harness fills January to June 2024 through the public API once the gateway is healthy.
if (bool.TryParse(builder.Configuration["Demo:Load"], out var loadDemo) && loadDemo)
{
    builder.AddProject<Projects.TuyPhuoc_Harness>(ResourceNames.DemoLoader).WithArgs("demo").WithReference(gateway).WaitFor(gateway);
}

builder.Build().Run();
return 0;

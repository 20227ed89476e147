using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.OpenApi.Extensions;
using Microsoft.OpenApi.Models;
using Scalar.AspNetCore;
using Swashbuckle.AspNetCore.Swagger;

namespace TuyPhuoc.Gateway;

/// <summary>
/// The suite's one OpenAPI document, made from the protos (their <c>google.api.http</c> rules and their comments), and
/// its reference page. The RPCs run in the services, so the gateway has no transcoded endpoints to describe: the
/// document comes from a host of its own that maps the services' contracts and is never started.
/// </summary>
public static class SuiteOpenApi
{
    public const string DocumentPath = "/openapi/v1.json";
    public const string ReferencePath = "/api-reference";
    private const string Bearer = "bearer";

    public static string Document()
    {
        var builder = WebApplication.CreateSlimBuilder();
        // Started only so its endpoints are built; it listens nowhere.
        builder.Services.AddSingleton<IServer, NoServer>();
        builder.Services.AddGrpc().AddJsonTranscoding();
        builder.Services.AddGrpcSwagger();
        builder.Services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "TuyPhuoc indicator suite",
                Version = "v1",
                Description = "The suite's RPCs as REST/JSON (gRPC JSON transcoding). Every call but the development tokens "
                    + "needs `Authorization: Bearer <token>`. A refusal answers the HTTP status of its gRPC code with a "
                    + "google.rpc.Status body (code, message, details with google.rpc.BadRequest field violations); the "
                    + "change feeds answer newline-delimited JSON.",
            });
            // Packages have messages of the same name (Evaluation's Status and google.rpc's): named by package.
            o.CustomSchemaIds(t => t.FullName is { } name && !t.IsGenericType ? name.Replace("TuyPhuoc.Contracts.", "").Replace('+', '.') : t.Name);
            // The protos' comments, as the C# generator wrote them into the contracts' XML documentation.
            var comments = Path.Combine(AppContext.BaseDirectory, "TuyPhuoc.Contracts.xml");
            if (File.Exists(comments))
            {
                o.IncludeXmlComments(comments);
                o.IncludeGrpcXmlComments(comments, includeControllerXmlComments: true);
            }
            o.AddSecurityDefinition(Bearer, new OpenApiSecurityScheme { Type = SecuritySchemeType.Http, Scheme = Bearer, BearerFormat = "JWT" });
            o.AddSecurityRequirement(new OpenApiSecurityRequirement
            {
                [new OpenApiSecurityScheme { Reference = new OpenApiReference { Type = ReferenceType.SecurityScheme, Id = Bearer } }] = [],
            });
        });
        var host = builder.Build();
        host.MapGrpcService<PlansContract>();
        host.MapGrpcService<SubmissionsContract>();
        host.MapGrpcService<EvaluationContract>();
        host.MapGrpcService<ScoringContract>();
        host.MapGrpcService<KeyTasksContract>();
        host.MapGrpcService<NotificationsContract>();
        host.MapGrpcService<DevTokensService>();
        host.StartAsync().GetAwaiter().GetResult();
        try
        {
            return host.Services.GetRequiredService<ISwaggerProvider>().GetSwagger("v1").SerializeAsJson(Microsoft.OpenApi.OpenApiSpecVersion.OpenApi3_0);
        }
        finally
        {
            host.StopAsync().GetAwaiter().GetResult();
            ((IDisposable)host).Dispose();
        }
    }

    private sealed class NoServer : IServer
    {
        public IFeatureCollection Features { get; } = new FeatureCollection();
        public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken) where TContext : notnull => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public void Dispose() { }
    }

    public static WebApplication MapSuiteOpenApi(this WebApplication app)
    {
        var document = Document();
        app.MapGet(DocumentPath, () => Results.Text(document, "application/json")).AllowAnonymous().RequireRateLimiting(CallerRateLimits.Policy);
        app.MapScalarApiReference(ReferencePath, o => o.WithTitle("TuyPhuoc API").WithOpenApiRoutePattern(DocumentPath))
            .AllowAnonymous().RequireRateLimiting(CallerRateLimits.Policy);
        return app;
    }

    // The contracts alone: what the document describes. Never mapped where calls are served.
    private sealed class PlansContract : Contracts.Plans.V1.IndicatorPlans.IndicatorPlansBase;
    private sealed class SubmissionsContract : Contracts.Submissions.V1.Submissions.SubmissionsBase;
    private sealed class EvaluationContract : Contracts.Evaluation.V1.Evaluation.EvaluationBase;
    private sealed class ScoringContract : Contracts.Scoring.V1.EmulationScoring.EmulationScoringBase;
    private sealed class KeyTasksContract : Contracts.Tasks.V1.KeyTasks.KeyTasksBase;
    private sealed class NotificationsContract : Contracts.Notifications.V1.Notifications.NotificationsBase;
}

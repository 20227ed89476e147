using System.Text.Json;
using System.Text.RegularExpressions;
using Google.Api;
using BadRequest = Google.Rpc.BadRequest;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Grpc.JsonTranscoding;

namespace TuyPhuoc.ServiceDefaults;

/// <summary>One REST route of an RPC: its HTTP method and its path template as the proto's <c>google.api.http</c> rule says.</summary>
public sealed record RestRoute(string Verb, string Template, string Body)
{
    /// <summary>The template as ASP.NET Core routing (and YARP) matches it: <c>{policy.year}</c> becomes <c>{policy_year}</c>.</summary>
    public string RouteTemplate => Regex.Replace(Template, @"\{([^}=]+)(=[^}]*)?\}", m => "{" + m.Groups[1].Value.Replace('.', '_') + "}");

    /// <summary>Whether the template names no field, so the path alone says which RPC is called.</summary>
    public bool IsLiteral => !Template.Contains('{');
}

/// <summary>
/// The suite's REST/JSON face: every RPC with a <c>google.api.http</c> rule is also served as JSON (gRPC JSON
/// transcoding, in the service that hosts the RPC), with the same authentication, access table, input bounds and
/// error model; a refusal answers the HTTP status of its gRPC code with a google.rpc.Status body.
/// </summary>
public static class RestApi
{
    public const string Prefix = "/api/v1/";

    /// <summary>The message types a JSON error's <c>details</c> may carry.</summary>
    public static readonly TypeRegistry ErrorDetails = TypeRegistry.FromMessages(BadRequest.Descriptor);

    private static readonly JsonFormatter ErrorFormatter = new(JsonFormatter.Settings.Default.WithTypeRegistry(ErrorDetails));

    public static IGrpcServerBuilder AddSuiteJsonTranscoding(this IGrpcServerBuilder grpc)
    {
        grpc.AddJsonTranscoding(o => o.TypeRegistry = ErrorDetails);
        grpc.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, RestRefusals>();
        grpc.Services.Configure<GrpcServiceOptions>(o => o.Interceptors.Add<TranscodedStreams>());
        return grpc;
    }

    /// <summary>
    /// A server stream read as newline-delimited JSON writes each message as it comes: its writer takes no write options
    /// (the gRPC writer's buffer hint), so they are left out there.
    /// </summary>
    private sealed class TranscodedStreams : Interceptor
    {
        public override Task ServerStreamingServerHandler<TRequest, TResponse>(
            TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation) =>
            continuation(request, context.GetHttpContext().GetEndpoint()?.Metadata.GetMetadata<GrpcJsonTranscodingMetadata>() is null
                ? responseStream
                : new WithoutWriteOptions<TResponse>(responseStream), context);

        private sealed class WithoutWriteOptions<T>(IServerStreamWriter<T> inner) : IServerStreamWriter<T>
        {
            public WriteOptions? WriteOptions { get => null; set { } }

            public Task WriteAsync(T message) => inner.WriteAsync(message);

            public Task WriteAsync(T message, CancellationToken cancellationToken) => inner.WriteAsync(message, cancellationToken);
        }
    }

    public static bool IsRest(HttpRequest request) => request.Path.StartsWithSegments(Prefix.TrimEnd('/'));

    /// <summary>A missing token or a role the access table refuses: to a REST caller, 401 or 403 with a google.rpc.Status body too.</summary>
    private sealed class RestRefusals : IAuthorizationMiddlewareResultHandler
    {
        private readonly AuthorizationMiddlewareResultHandler _default = new();

        public async Task HandleAsync(RequestDelegate next, HttpContext http, AuthorizationPolicy policy, PolicyAuthorizationResult result)
        {
            await _default.HandleAsync(next, http, policy, result);
            if (result.Succeeded || !IsRest(http.Request) || http.Response.HasStarted) return;
            var method = http.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>()?.Method.FullName;
            var status = result.Challenged
                ? new Google.Rpc.Status { Code = (int)Grpc.Core.StatusCode.Unauthenticated, Message = "A valid bearer token is required: Authorization: Bearer <token>." }
                : new Google.Rpc.Status
                {
                    Code = (int)Grpc.Core.StatusCode.PermissionDenied,
                    Message = $"The role {http.User.FindFirst(SuiteClaims.Role)?.Value ?? "(none)"} may not call {method ?? http.Request.Path.ToString()} (README's access table).",
                };
            http.Response.ContentType = "application/json; charset=utf-8";
            await http.Response.WriteAsync(ErrorJson(status));
        }
    }

    /// <summary>The REST routes of an RPC (its rule and the rule's additional bindings); none when it has no rule.</summary>
    public static IReadOnlyList<RestRoute> RoutesOf(MethodDescriptor method)
    {
        var rule = method.GetOptions()?.GetExtension(AnnotationsExtensions.Http);
        if (rule is null) return [];
        return [.. new[] { rule }.Concat(rule.AdditionalBindings).Select(RouteOf).OfType<RestRoute>()];
    }

    private static RestRoute? RouteOf(HttpRule rule) => rule.PatternCase switch
    {
        HttpRule.PatternOneofCase.Get => new("GET", rule.Get, rule.Body),
        HttpRule.PatternOneofCase.Post => new("POST", rule.Post, rule.Body),
        HttpRule.PatternOneofCase.Put => new("PUT", rule.Put, rule.Body),
        HttpRule.PatternOneofCase.Patch => new("PATCH", rule.Patch, rule.Body),
        HttpRule.PatternOneofCase.Delete => new("DELETE", rule.Delete, rule.Body),
        HttpRule.PatternOneofCase.Custom => new(rule.Custom.Kind, rule.Custom.Path, rule.Body),
        _ => null,
    };

    /// <summary>A refusal as a REST caller reads it: google.rpc.Status in JSON, its details typed (<c>@type</c>).</summary>
    public static string ErrorJson(Google.Rpc.Status status) => ErrorFormatter.Format(status);

    /// <summary>
    /// Refuses, before the RPC runs, a JSON request that transcoding would read loosely: a body that is not JSON, a field
    /// (in the body or the query) that the request message does not have, a value of the wrong kind. Each is a field
    /// violation naming where it is, answered as 400 with nothing stored.
    /// </summary>
    public static IApplicationBuilder UseStrictJson(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<GrpcJsonTranscodingMetadata>() is { } transcoded)
        {
            var violations = await StrictJson.CheckAsync(http.Request, transcoded.MethodDescriptor.InputType, transcoded.HttpRule.Body);
            if (violations.Count > 0)
            {
                var status = DomainExceptionInterceptor.ToStatus(new InvalidInputException(violations));
                http.Response.StatusCode = StatusCodes.Status400BadRequest;
                http.Response.ContentType = "application/json; charset=utf-8";
                await http.Response.WriteAsync(ErrorJson(status));
                return;
            }
        }
        await next(http);
    });
}

/// <summary>Checks a JSON request against its proto message, by the proto3 JSON mapping.</summary>
public static class StrictJson
{
    public static async Task<List<FieldViolation>> CheckAsync(HttpRequest request, MessageDescriptor message, string body)
    {
        var violations = new List<FieldViolation>();
        foreach (var (key, _) in request.Query)
        {
            if (Resolve(message, key) is null) violations.Add(new(key, $"is not a field of {message.Name}"));
        }
        if (string.IsNullOrEmpty(body) || !IsJson(request.ContentType)) return violations;

        var bodyMessage = body == "*" ? message : message.FindFieldByName(body)?.MessageType;
        if (bodyMessage is null) return violations;
        request.EnableBuffering();
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, default, request.HttpContext.RequestAborted);
            Walk(document.RootElement, bodyMessage, body == "*" ? "" : body, violations);
        }
        catch (JsonException e)
        {
            violations.Add(new(body == "*" ? "" : body, $"The body is not valid JSON: {e.Message}"));
        }
        finally
        {
            request.Body.Position = 0;
        }
        return violations;
    }

    private static bool IsJson(string? contentType) =>
        contentType is not null && (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) || contentType.Contains("+json", StringComparison.OrdinalIgnoreCase));

    /// <summary>A dotted field path (proto or JSON names) to the field it names, or null.</summary>
    private static FieldDescriptor? Resolve(MessageDescriptor message, string path)
    {
        FieldDescriptor? field = null;
        foreach (var part in path.Split('.'))
        {
            if (field is not null)
            {
                if (field.FieldType != FieldType.Message || field.IsMap) return null;
                message = field.MessageType;
            }
            field = Find(message, part);
            if (field is null) return null;
        }
        return field;
    }

    private static FieldDescriptor? Find(MessageDescriptor message, string name) =>
        message.FindFieldByName(name) ?? message.Fields.InDeclarationOrder().FirstOrDefault(f => f.JsonName == name);

    private static string At(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static void Walk(JsonElement json, MessageDescriptor message, string path, List<FieldViolation> violations)
    {
        if (IsWellKnown(message)) return;
        if (json.ValueKind != JsonValueKind.Object)
        {
            violations.Add(new(path, $"must be a JSON object ({message.Name}), not {Kind(json)}"));
            return;
        }
        foreach (var property in json.EnumerateObject())
        {
            var field = Find(message, property.Name);
            if (field is null) violations.Add(new(At(path, property.Name), $"is not a field of {message.Name}"));
            else CheckField(property.Value, field, At(path, field.Name), violations);
        }
    }

    private static void CheckField(JsonElement json, FieldDescriptor field, string path, List<FieldViolation> violations)
    {
        if (json.ValueKind == JsonValueKind.Null) return;
        if (field.IsMap)
        {
            if (json.ValueKind != JsonValueKind.Object)
            {
                violations.Add(new(path, $"must be a JSON object (a map), not {Kind(json)}"));
                return;
            }
            var value = field.MessageType.FindFieldByNumber(2);
            foreach (var entry in json.EnumerateObject()) CheckValue(entry.Value, value, $"{path}[{InputBounds.Quote(entry.Name)}]", violations);
        }
        else if (field.IsRepeated)
        {
            if (json.ValueKind != JsonValueKind.Array)
            {
                violations.Add(new(path, $"must be a JSON array, not {Kind(json)}"));
                return;
            }
            var i = 0;
            foreach (var item in json.EnumerateArray()) CheckValue(item, field, $"{path}[{i++}]", violations);
        }
        else
        {
            CheckValue(json, field, path, violations);
        }
    }

    private static void CheckValue(JsonElement json, FieldDescriptor field, string path, List<FieldViolation> violations)
    {
        var kind = json.ValueKind;
        var problem = field.FieldType switch
        {
            FieldType.Message => null,
            FieldType.String or FieldType.Bytes => kind == JsonValueKind.String ? null : "must be a JSON string",
            FieldType.Bool => kind is JsonValueKind.True or JsonValueKind.False ? null : "must be true or false",
            FieldType.Enum => kind == JsonValueKind.Number
                || (kind == JsonValueKind.String && field.EnumType.FindValueByName(json.GetString()!) is not null)
                ? null
                : $"must be one of {string.Join(", ", field.EnumType.Values.Select(v => v.Name))}",
            _ => kind == JsonValueKind.Number || (kind == JsonValueKind.String && IsNumber(json.GetString()!)) ? null : "must be a number",
        };
        if (problem is not null) violations.Add(new(path, $"{problem}, not {Kind(json)}"));
        else if (field.FieldType == FieldType.Message) Walk(json, field.MessageType, path, violations);
    }

    private static bool IsNumber(string value) =>
        double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _)
        || value is "NaN" or "Infinity" or "-Infinity";

    /// <summary>Timestamps, durations, wrappers and the like have JSON forms of their own, which transcoding checks.</summary>
    private static bool IsWellKnown(MessageDescriptor message) => message.File.Package == "google.protobuf";

    private static string Kind(JsonElement json) => json.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{InputBounds.Quote(json.GetString()!)}\"",
        JsonValueKind.Number => $"the number {InputBounds.Quote(json.GetRawText())}",
        JsonValueKind.True or JsonValueKind.False => $"{json.GetRawText()}",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => json.ValueKind.ToString().ToLowerInvariant(),
    };
}

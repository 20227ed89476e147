using Google.Rpc;

namespace TuyPhuoc.ServiceDefaults;

public sealed record FieldViolation(string Field, string Description);

/// <summary>A refusal the domain makes on purpose; the interceptor turns it into the matching gRPC status.</summary>
public abstract class DomainException(string message) : Exception(message)
{
    public abstract StatusCode Code { get; }
}

/// <summary>
/// Bad input, field by field. However many fields a request gets wrong, the error lists the first
/// <see cref="MaxListed"/> and then "and N more": the message, the trailers and the log line stay small.
/// </summary>
public sealed class InvalidInputException : DomainException
{
    public const int MaxListed = 10;
    private const int MaxFieldLength = 120, MaxDescriptionLength = 300;

    public InvalidInputException(IReadOnlyList<FieldViolation> violations) : this(Listed(violations)) { }

    public InvalidInputException(string field, string description) : this([new FieldViolation(field, description)]) { }

    /// <summary>The value of a field the request must carry; its absence is bad input.</summary>
    public static T Required<T>(T? value, string field) where T : class => value ?? throw new InvalidInputException(field, "is required");

    /// <inheritdoc cref="Required{T}(T, string)"/>
    public static T Required<T>(T? value, string field) where T : struct => value ?? throw new InvalidInputException(field, "is required");

    private InvalidInputException(FieldViolation[] listed)
        : base("The request is not valid: " + string.Join("; ", listed.Select(v => v.Field.Length == 0 ? v.Description : $"{v.Field}: {v.Description}"))) =>
        Violations = listed;

    /// <summary>At most <see cref="MaxListed"/> violations, the last of them saying how many more there were.</summary>
    public IReadOnlyList<FieldViolation> Violations { get; }

    public override StatusCode Code => StatusCode.InvalidArgument;

    /// <summary>
    /// All of them, in order, when they are few; else the first violation of each field (its items and keys taken as
    /// one: weights[CT01] and weights[CT02]) before the second of any, so a request wrong in many items of one field
    /// still shows what else is wrong.
    /// </summary>
    private static FieldViolation[] Listed(IReadOnlyList<FieldViolation> violations)
    {
        var ordered = violations.Count <= MaxListed ? violations : FirstOfEachFieldFirst(violations);
        var listed = ordered.Take(violations.Count > MaxListed ? MaxListed - 1 : MaxListed)
            .Select(v => new FieldViolation(Cut(v.Field, MaxFieldLength), Cut(v.Description, MaxDescriptionLength))).ToList();
        if (violations.Count > listed.Count) listed.Add(new FieldViolation("", $"and {violations.Count - listed.Count} more"));
        return [.. listed];
    }

    private static IEnumerable<FieldViolation> FirstOfEachFieldFirst(IReadOnlyList<FieldViolation> violations)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var first = violations.Select(v => seen.Add(System.Text.RegularExpressions.Regex.Replace(v.Field, @"\[[^\]]*\]", "[]"))).ToArray();
        return violations.Where((_, i) => first[i]).Concat(violations.Where((_, i) => !first[i]));
    }

    private static string Cut(string value, int max) => value.Length <= max ? value : value[..(max - 1)] + "…";
}

public sealed class NotFoundException(string message) : DomainException(message)
{
    public override StatusCode Code => StatusCode.NotFound;
}

public sealed class AlreadyExistsException(string message) : DomainException(message)
{
    public override StatusCode Code => StatusCode.AlreadyExists;
}

public sealed class FailedPreconditionException(string message) : DomainException(message)
{
    public override StatusCode Code => StatusCode.FailedPrecondition;
}

public sealed class PermissionDeniedException(string message) : DomainException(message)
{
    public override StatusCode Code => StatusCode.PermissionDenied;
}

/// <summary>Collects field violations; throws them all at once so a caller can fix every field in one go.</summary>
public sealed class Violations
{
    private readonly List<FieldViolation> _items = [];

    public bool Any => _items.Count > 0;
    public IReadOnlyList<FieldViolation> Items => _items;

    public Violations Add(string field, string description)
    {
        _items.Add(new FieldViolation(field, description));
        return this;
    }

    public Violations Require(bool condition, string field, string description) =>
        condition ? this : Add(field, description);

    public Violations RequireText(string? value, string field, int maxLength = 500)
    {
        if (string.IsNullOrWhiteSpace(value)) return Add(field, "is required");
        return value.Length > maxLength ? Add(field, $"is longer than {maxLength} characters") : this;
    }

    public Violations RequireFinite(double value, string field) =>
        double.IsFinite(value) ? this : Add(field, "must be a finite number");

    public void ThrowIfAny()
    {
        if (Any) throw new InvalidInputException(_items.ToArray());
    }
}

/// <summary>Maps domain refusals to gRPC statuses with the rich error model (google.rpc.Status + BadRequest).</summary>
public sealed class DomainExceptionInterceptor(ILogger<DomainExceptionInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try { return await continuation(request, context); }
        catch (DomainException e) { throw ToRpc(e, context); }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try { return await continuation(requestStream, context); }
        catch (DomainException e) { throw ToRpc(e, context); }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try { await continuation(request, responseStream, context); }
        catch (DomainException e) { throw ToRpc(e, context); }
    }

    private RpcException ToRpc(DomainException e, ServerCallContext context)
    {
        var status = ToStatus(e);
        logger.LogInformation("{Method} refused with {Code}: {Message}", context.Method, e.Code, status.Message);
        return status.ToRpcException();
    }

    /// <summary>How long a refusal's message may be in the trailers (grpc-message) and the log.</summary>
    public const int MaxMessageLength = 2000;

    public static Google.Rpc.Status ToStatus(DomainException e)
    {
        var message = e.Message.Length <= MaxMessageLength ? e.Message : e.Message[..(MaxMessageLength - 1)] + "…";
        var status = new Google.Rpc.Status { Code = (int)e.Code, Message = message };
        if (e is InvalidInputException invalid)
        {
            var badRequest = new BadRequest();
            badRequest.FieldViolations.AddRange(invalid.Violations.Select(v =>
                new BadRequest.Types.FieldViolation { Field = v.Field, Description = v.Description }));
            status.Details.Add(Any.Pack(badRequest));
        }
        return status;
    }
}

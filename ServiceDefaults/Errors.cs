using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;

namespace TuyPhuoc.ServiceDefaults;

public sealed record FieldViolation(string Field, string Description);

/// <summary>A refusal the domain makes on purpose; the interceptor turns it into the matching gRPC status.</summary>
public abstract class DomainException(string message) : Exception(message)
{
    public abstract StatusCode Code { get; }
}

public sealed class InvalidInputException(IReadOnlyList<FieldViolation> violations)
    : DomainException("The request is not valid: " + string.Join("; ", violations.Select(v => $"{v.Field}: {v.Description}")))
{
    public InvalidInputException(string field, string description) : this([new FieldViolation(field, description)]) { }
    public IReadOnlyList<FieldViolation> Violations { get; } = violations;
    public override StatusCode Code => StatusCode.InvalidArgument;
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
        logger.LogInformation("{Method} refused with {Code}: {Message}", context.Method, e.Code, e.Message);
        return ToStatus(e).ToRpcException();
    }

    public static Google.Rpc.Status ToStatus(DomainException e)
    {
        var status = new Google.Rpc.Status { Code = (int)e.Code, Message = e.Message };
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

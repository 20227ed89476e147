namespace TuyPhuoc.ServiceDefaults;

/// <summary>Who makes the request being served (its token's subject), for the change log's record of who changed what; none in background work.</summary>
public static class ChangeActor
{
    private static readonly AsyncLocal<string?> Subject = new();

    public static string? Current => Subject.Value;

    internal static void Set(ServerCallContext context) => Subject.Value = context.GetHttpContext().User.SubjectOf();
}

/// <summary>Sets <see cref="ChangeActor.Current"/> for the call it serves.</summary>
public sealed class ChangeActorInterceptor : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ChangeActor.Set(context);
        return continuation(request, context);
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, ServerCallContext context,
        ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ChangeActor.Set(context);
        return continuation(requestStream, context);
    }
}

using Grpc.Net.Client.Configuration;

namespace TuyPhuoc.ServiceDefaults;

public static class GrpcClientExtensions
{
    public static readonly TimeSpan DefaultUnaryDeadline = TimeSpan.FromSeconds(10);

    /// <summary>A client of another service of the suite (<see cref="AddSuiteChannel{TClient}"/>), calling as this service.</summary>
    public static IHttpClientBuilder AddSuiteGrpcClient<TClient>(this IHostApplicationBuilder builder, string service) where TClient : class
    {
        builder.Services.AddServiceTokens();
        return builder.Services.AddSuiteChannel<TClient>(ResourceNames.GrpcAddress(service))
            .AddCallCredentials(async (context, metadata, services) =>
                metadata.Add("Authorization", $"Bearer {await services.GetRequiredService<ServiceTokenSource>().TokenAsync(context.CancellationToken)}"));
    }

    /// <summary>
    /// A gRPC client of the suite at <paramref name="address"/> (service discovery): unary calls retried on Unavailable
    /// (every write carries an idempotency key, so a retry stores nothing twice) and given a deadline when the caller
    /// sets none; streams are never cut by a timeout. Credentials are the caller's to add.
    /// </summary>
    public static IHttpClientBuilder AddSuiteChannel<TClient>(this IServiceCollection services, Uri address) where TClient : class =>
        services
            .AddGrpcClient<TClient>(o => o.Address = address)
            .ConfigureChannel(channel =>
            {
                channel.UnsafeUseInsecureChannelCallCredentials = true;
                // A plan at national scale (5,000 units × 34 indicators, phased by month) is about 20 MB.
                channel.MaxReceiveMessageSize = 64 * 1024 * 1024;
                channel.ServiceConfig = new ServiceConfig
                {
                    MethodConfigs =
                    {
                        new MethodConfig
                        {
                            Names = { MethodName.Default },
                            RetryPolicy = new RetryPolicy
                            {
                                MaxAttempts = 4,
                                InitialBackoff = TimeSpan.FromMilliseconds(200),
                                MaxBackoff = TimeSpan.FromSeconds(2),
                                BackoffMultiplier = 2,
                                RetryableStatusCodes = { StatusCode.Unavailable },
                            },
                        },
                    },
                };
            })
            .AddInterceptor(() => new DefaultDeadlineInterceptor(DefaultUnaryDeadline));
}

/// <summary>Gives unary calls without a deadline a default one; streaming calls keep theirs (usually none).</summary>
public sealed class DefaultDeadlineInterceptor(TimeSpan deadline) : Interceptor
{
    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(TRequest request,
        ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        if (context.Options.Deadline is null)
        {
            context = new(context.Method, context.Host, context.Options.WithDeadline(DateTime.UtcNow + deadline));
        }
        return continuation(request, context);
    }
}

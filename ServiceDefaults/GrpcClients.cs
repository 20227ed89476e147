using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace TuyPhuoc.ServiceDefaults;

public static class GrpcClientExtensions
{
    public static readonly TimeSpan DefaultUnaryDeadline = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A client of another service of the suite: found by service discovery, calling as this service, unary calls
    /// retried on Unavailable and given a deadline when the caller sets none; streams are never cut by a timeout.
    /// </summary>
    public static IHttpClientBuilder AddSuiteGrpcClient<TClient>(this IHostApplicationBuilder builder, string service) where TClient : class
    {
        builder.Services.AddServiceTokens();
        return builder.Services
            .AddGrpcClient<TClient>(o => o.Address = ResourceNames.GrpcAddress(service))
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
            .AddCallCredentials(async (context, metadata, services) =>
                metadata.Add("Authorization", $"Bearer {await services.GetRequiredService<ServiceTokenSource>().TokenAsync(context.CancellationToken)}"))
            .AddInterceptor(() => new DefaultDeadlineInterceptor(DefaultUnaryDeadline));
    }
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

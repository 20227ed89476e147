using Grpc.Net.ClientFactory;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using static Grpc.Health.V1.HealthCheckResponse.Types;

namespace TuyPhuoc.Gateway.Grpc;

/// <summary>gRPC health for the whole suite: "" is the gateway itself; a service name asks that service.</summary>
public sealed class SuiteHealthService(HealthCheckService checks, GrpcClientFactory clients) : Health.HealthBase
{
    private static readonly TimeSpan BackendDeadline = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan WatchInterval = TimeSpan.FromSeconds(3);

    public override async Task<HealthCheckResponse> Check(HealthCheckRequest request, ServerCallContext context)
    {
        var status = await StatusOf(request.Service, context.CancellationToken);
        if (status == ServingStatus.ServiceUnknown)
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"No service '{request.Service}' in the suite."));
        }
        return new HealthCheckResponse { Status = status };
    }

    public override async Task Watch(HealthCheckRequest request, IServerStreamWriter<HealthCheckResponse> responseStream, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        ServingStatus? last = null;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var status = await StatusOf(request.Service, ct);
                if (status != last)
                {
                    await responseStream.WriteAsync(new HealthCheckResponse { Status = status }, ct);
                    last = status;
                }
                await Task.Delay(WatchInterval, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The caller left.
        }
    }

    private async Task<ServingStatus> StatusOf(string service, CancellationToken ct)
    {
        if (service.Length == 0)
        {
            var report = await checks.CheckHealthAsync(ct);
            return report.Status == HealthStatus.Healthy ? ServingStatus.Serving : ServingStatus.NotServing;
        }
        if (SuiteServices.Find(service) is not { } backend) return ServingStatus.ServiceUnknown;
        try
        {
            var reply = await clients.CreateClient<Health.HealthClient>(backend.Resource).CheckAsync(
                new HealthCheckRequest { Service = service }, deadline: DateTime.UtcNow + BackendDeadline, cancellationToken: ct);
            return reply.Status;
        }
        catch (RpcException) when (!ct.IsCancellationRequested)
        {
            return ServingStatus.NotServing;
        }
    }
}

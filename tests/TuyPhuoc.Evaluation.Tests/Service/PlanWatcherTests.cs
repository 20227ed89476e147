using System.Collections.Concurrent;
using System.Net;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TuyPhuoc.Evaluation.Data;
using Plans = TuyPhuoc.Contracts.Plans.V1;

namespace TuyPhuoc.Evaluation.Tests.Service;

/// <summary>The plan reader's watcher on its stored cursor: real PostgreSQL, a real gRPC stream from a plans log.</summary>
public sealed class PlanWatcherTests(PostgresFixture postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>IndicatorPlans' change feed as the watcher sees it: the log so far, then the stream stays open.</summary>
    private sealed class PlansLog : Plans.IndicatorPlans.IndicatorPlansBase
    {
        public ConcurrentQueue<Plans.Change> Log { get; } = new();
        public ConcurrentQueue<long> AskedAfter { get; } = new();

        public void Append(long sequence, int year) =>
            Log.Enqueue(new Plans.Change { Sequence = sequence, Kind = ChangeKinds.PlanPrefix + "published", Key = $"{year}", Year = year });

        public override async Task WatchChanges(Plans.WatchChangesRequest request, IServerStreamWriter<Plans.Change> stream, ServerCallContext context)
        {
            AskedAfter.Enqueue(request.AfterSequence);
            foreach (var change in Log.Where(c => c.Sequence > request.AfterSequence)) await stream.WriteAsync(change);
            await Task.Delay(Timeout.Infinite, context.CancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    [Fact]
    public async Task Restarted_ResumesAfterItsStoredCursor_NotFromTheBeginningOfThePlansLog()
    {
        var log = new PlansLog();
        log.Append(1, 2024);
        log.Append(2, 2024);
        log.Append(3, 2025);
        await using var server = await ServeAsync(log);
        await using var db = await postgres.NewDatabaseAsync();
        var connection = db.Database.GetConnectionString()!;

        await RunUntilCursorAsync(server, connection, 3);
        Assert.Equal([0L], log.AskedAfter);

        log.Append(4, 2025);
        log.AskedAfter.Clear();
        await RunUntilCursorAsync(server, connection, 4);
        Assert.NotEmpty(log.AskedAfter);
        Assert.All(log.AskedAfter, after => Assert.Equal(3, after));
    }

    /// <summary>One run of a service: its plan reader and watcher start, follow until the cursor stands at <paramref name="sequence"/>, then stop.</summary>
    private static async Task RunUntilCursorAsync(WebApplication server, string connection, long sequence)
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddMetrics()
            .AddDbContext<EvaluationDbContext>(o => o.UseNpgsql(connection))
            .AddSingleton(new DistrictClock(TimeProvider.System))
            .AddSingleton(new Plans.IndicatorPlans.IndicatorPlansClient(GrpcChannel.ForAddress(Address(server))))
            .AddPlanReader<EvaluationDbContext>();
        await using var provider = services.BuildServiceProvider();
        var hosted = provider.GetServices<IHostedService>().ToList();
        foreach (var h in hosted) await h.StartAsync(Ct);
        try
        {
            using var patience = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            patience.CancelAfter(Patience);
            while (await CursorAsync(provider) < sequence) await Task.Delay(50, patience.Token);
        }
        finally
        {
            foreach (var h in hosted) await h.StopAsync(CancellationToken.None);
        }
    }

    private static async Task<long> CursorAsync(IServiceProvider provider)
    {
        await using var scope = provider.CreateAsyncScope();
        return await FeedCursors.ReadAsync(scope.ServiceProvider.GetRequiredService<EvaluationDbContext>(), PlanFeedWatcher<EvaluationDbContext>.Name, Ct);
    }

    private static async Task<WebApplication> ServeAsync(PlansLog log)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(log);
        var app = builder.Build();
        app.MapGrpcService<PlansLog>();
        await app.StartAsync(Ct);
        return app;
    }

    private static string Address(WebApplication server) =>
        server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
}

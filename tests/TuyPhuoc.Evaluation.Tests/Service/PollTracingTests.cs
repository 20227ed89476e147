using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using OpenTelemetry;
using OpenTelemetry.Trace;
using TuyPhuoc.ServiceDefaults;

namespace TuyPhuoc.Evaluation.Tests.Service;

/// <summary>A change stream polls its database twice a second: those polls must not fill an operator's trace list.</summary>
public sealed class PollTracingTests(PostgresFixture postgres)
{
    private static readonly ActivitySource Requests = new("TuyPhuoc.Tests.Requests");

    [Fact]
    public async Task StreamAsync_PollingAnIdleChangeLog_RecordsNoDatabaseSpansWhileARequestsQueryIsRecorded()
    {
        await using var db = await postgres.NewDatabaseAsync();
        var recorded = new ConcurrentQueue<Activity>();
        using (Sdk.CreateTracerProviderBuilder().AddSource("Npgsql", Requests.Name)
            .AddProcessor(new Collect(db.Database.GetDbConnection().Database, recorded)).Build())
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(1.3));
            try
            {
                await ChangeFeedStreaming.StreamAsync((after, ct) => db.ReadAfterAsync(after, 500, ct), e => e, 0, new Discard(), new ChangeSignal(), stop.Token);
            }
            catch (OperationCanceledException)
            {
            }
            var afterPolls = recorded.Count;

            using (Requests.StartActivity("request"))
            {
                await db.Set<ChangeLogEntry>().CountAsync(TestContext.Current.CancellationToken);
            }

            Assert.Equal(0, afterPolls);
            Assert.Contains(recorded, a => a.ParentSpanId != default);
        }
    }

    /// <summary>Keeps the database spans of this test's database only: other tests of the process query theirs meanwhile.</summary>
    private sealed class Collect(string database, ConcurrentQueue<Activity> into) : BaseProcessor<Activity>
    {
        public override void OnEnd(Activity activity)
        {
            if (activity.Source.Name == "Npgsql" && activity.Tags.Any(t => t.Value == database)) into.Enqueue(activity);
        }
    }

    private sealed class Discard : IServerStreamWriter<ChangeLogEntry>
    {
        public WriteOptions? WriteOptions { get; set; }
        public Task WriteAsync(ChangeLogEntry message) => Task.CompletedTask;
    }
}

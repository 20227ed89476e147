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
    public async Task StreamAsync_PollingAnIdleChangeLog_ExportsNoDatabaseSpansWhileARequestsQueryIsExported()
    {
        var exported = new List<Activity>();
        using (Sdk.CreateTracerProviderBuilder().AddSource("Npgsql", Requests.Name).AddInMemoryExporter(exported).Build())
        {
            await using var db = await postgres.NewDatabaseAsync();
            exported.Clear();
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(1.3));
            try
            {
                await ChangeFeedStreaming.StreamAsync((after, ct) => db.ReadAfterAsync(after, 500, ct), e => e, 0, new Discard(), new ChangeSignal(), stop.Token);
            }
            catch (OperationCanceledException)
            {
            }
            // Other tests of this process query their own databases meanwhile: only this one's spans count.
            var database = db.Database.GetDbConnection().Database;
            bool Ours(Activity a) => a.Source.Name == "Npgsql" && a.Tags.Any(t => t.Value == database);
            var afterPolls = exported.Count(Ours);

            using (Requests.StartActivity("request"))
            {
                await db.Set<ChangeLogEntry>().CountAsync(TestContext.Current.CancellationToken);
            }

            Assert.Equal(0, afterPolls);
            Assert.Contains(exported, a => Ours(a) && a.ParentSpanId != default);
        }
    }

    private sealed class Discard : IServerStreamWriter<ChangeLogEntry>
    {
        public WriteOptions? WriteOptions { get; set; }
        public Task WriteAsync(ChangeLogEntry message) => Task.CompletedTask;
    }
}

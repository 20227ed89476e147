using System.Net;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Grpc.Reflection.V1;
using TuyPhuoc.Contracts.DevTokens.V1;
using TuyPhuoc.Contracts.Plans.V1;
using TuyPhuoc.Contracts.Submissions.V1;
using TuyPhuoc.ServiceDefaults;

namespace TuyPhuoc.EndToEnd.Tests;

/// <summary>The gateway's limits, keyed on what a caller cannot choose. Each test calls from loopback addresses of its own.</summary>
[Collection(LimitedSuiteCollection.Name)]
public sealed class RateLimitTests(LimitedSuite suite)
{
    // Calls answered in a flood: the burst, and what refills while the flood lasts.
    private const int Allowed = LimitedSuite.Burst + 3 * LimitedSuite.PermitsPerSecond;

    [Fact]
    public async Task RoutedCalls_ManyMintedTokensFromOneAddress_OneBucketResourceExhaustedOtherAddressServed()
    {
        using var flooder = suite.GatewayFrom(IPAddress.Parse("127.0.0.21"));
        using var bystander = suite.GatewayFrom(IPAddress.Parse("127.0.0.22"));
        var tokens = new List<string>();
        for (var i = 0; i < 10; i++) tokens.Add(await TokenAsync(flooder, $"flood-{i}-{Guid.NewGuid():N}"));
        var plans = new IndicatorPlans.IndicatorPlansClient(flooder);

        // Each token alone stays far below the burst; together they are one caller.
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 100).Select(i =>
            Outcome(plans.ListBlocksAsync(new ListBlocksRequest(), SuiteFixture.WithBearer(tokens[i % tokens.Count])).ResponseAsync)));
        var calm = await new IndicatorPlans.IndicatorPlansClient(bystander)
            .ListBlocksAsync(new ListBlocksRequest(), SuiteFixture.WithBearer(await TokenAsync(bystander, "calm")));

        Assert.All(outcomes, code => Assert.True(code is StatusCode.OK or StatusCode.ResourceExhausted, $"unexpected {code}"));
        Assert.InRange(outcomes.Count(c => c == StatusCode.OK), 1, Allowed);
        Assert.Equal(3, calm.Blocks.Count);
    }

    [Fact]
    public async Task HealthAndReflection_AnonymousFlood_ResourceExhaustedOtherAddressServed()
    {
        using var flooder = suite.GatewayFrom(IPAddress.Parse("127.0.0.23"));
        using var bystander = suite.GatewayFrom(IPAddress.Parse("127.0.0.24"));
        var health = new Health.HealthClient(flooder);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ =>
            Outcome(health.CheckAsync(new HealthCheckRequest(), SuiteFixture.Anonymous()).ResponseAsync)));
        var reflection = await Outcome(ListServicesAsync(flooder));
        var calm = await new Health.HealthClient(bystander).CheckAsync(new HealthCheckRequest(), SuiteFixture.Anonymous());

        Assert.All(outcomes, code => Assert.True(code is StatusCode.OK or StatusCode.ResourceExhausted, $"unexpected {code}"));
        Assert.InRange(outcomes.Count(c => c == StatusCode.OK), 1, Allowed);
        Assert.Equal(StatusCode.ResourceExhausted, reflection);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, calm.Status);
    }

    [Fact]
    public async Task Streams_MoreThanTheLimitOpenAtOnce_ResourceExhaustedUntilOneCloses()
    {
        using var caller = suite.GatewayFrom(IPAddress.Parse("127.0.0.25"));
        var health = new Health.HealthClient(caller);
        var watches = new List<AsyncServerStreamingCall<HealthCheckResponse>>();
        for (var i = 0; i < LimitedSuite.Streams; i++)
        {
            var watch = health.Watch(new HealthCheckRequest(), SuiteFixture.Anonymous());
            Assert.True(await watch.ResponseStream.MoveNext(TestContext.Current.CancellationToken));
            watches.Add(watch);
        }

        using var extra = health.Watch(new HealthCheckRequest(), SuiteFixture.Anonymous());
        var refused = await Assert.ThrowsAsync<RpcException>(() => extra.ResponseStream.MoveNext(TestContext.Current.CancellationToken));
        var unary = await health.CheckAsync(new HealthCheckRequest(), SuiteFixture.Anonymous());
        watches[0].Dispose();
        var again = await RetryAsync(async () =>
        {
            using var watch = health.Watch(new HealthCheckRequest(), SuiteFixture.Anonymous());
            await watch.ResponseStream.MoveNext(TestContext.Current.CancellationToken);
            return watch.ResponseStream.Current.Status;
        });
        watches.ForEach(w => w.Dispose());

        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        Assert.Contains("streams open", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, unary.Status);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, again);
    }

    [Fact]
    public async Task ClientStreams_RoutedImportsAboveTheLimit_ResourceExhausted()
    {
        using var caller = suite.GatewayFrom(IPAddress.Parse("127.0.0.26"));
        var submissions = new Submissions.SubmissionsClient(caller);
        var office = SuiteFixture.WithBearer(await TokenAsync(caller, "office", Roles.PlanningOffice));
        // Each import from a token of its own: minting tokens does not give more streams either.
        var imports = new List<AsyncClientStreamingCall<ImportActualsRequest, ImportActualsResponse>>();
        for (var i = 0; i < LimitedSuite.Streams; i++)
        {
            imports.Add(submissions.ImportActuals(SuiteFixture.WithBearer(await TokenAsync(caller, $"importer-{i}", Roles.PlanningOffice))));
        }
        // Nothing is written on the open imports; give their requests time to reach the gateway.
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);

        using var extra = submissions.ImportActuals(office);
        var refused = await Assert.ThrowsAsync<RpcException>(() => extra.ResponseAsync);
        imports.ForEach(i => i.Dispose());

        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        Assert.Contains("streams open", refused.Status.Detail, StringComparison.Ordinal);
    }

    private static async Task<string> TokenAsync(GrpcChannel channel, string subject, string role = Roles.Partner) =>
        (await new DevTokens.DevTokensClient(channel).IssueTokenAsync(new IssueTokenRequest { Role = role, Subject = subject }, SuiteFixture.Anonymous())).AccessToken;

    private static async Task<StatusCode> Outcome(Task call)
    {
        try
        {
            await call;
            return StatusCode.OK;
        }
        catch (RpcException e)
        {
            return e.StatusCode;
        }
    }

    private static async Task ListServicesAsync(GrpcChannel channel)
    {
        using var call = new ServerReflection.ServerReflectionClient(channel).ServerReflectionInfo(SuiteFixture.Anonymous());
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        await call.ResponseStream.ReadAllAsync(TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>A closed stream frees its place as soon as the gateway sees the call end.</summary>
    private static async Task<T> RetryAsync<T>(Func<Task<T>> call)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.ResourceExhausted && attempt < 20)
            {
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }
        }
    }
}

using Google.Protobuf.Reflection;
using Google.Rpc;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Reflection.V1;
using TuyPhuoc.Contracts.DevTokens.V1;
using TuyPhuoc.Contracts.Plans.V1;
using TuyPhuoc.ServiceDefaults;

namespace TuyPhuoc.EndToEnd.Tests;

/// <summary>What a partner with grpcurl sees at the gateway: reflection, health, tokens, refusals.</summary>
public sealed class GatewayTests(SuiteFixture suite)
{
    private const string Plans = "tuyphuoc.plans.v1.IndicatorPlans";
    private const string Submissions = "tuyphuoc.submissions.v1.Submissions";
    private const string Evaluation = "tuyphuoc.evaluation.v1.Evaluation";
    private const string Scoring = "tuyphuoc.scoring.v1.EmulationScoring";

    [Fact]
    public async Task ListServices_ThroughGateway_ListsEveryServiceOfTheSuite()
    {
        var replies = await ReflectAsync(new ServerReflectionRequest { ListServices = "" });

        var names = replies.Single().ListServicesResponse.Service.Select(s => s.Name).ToList();
        Assert.Superset(new HashSet<string> { Plans, Submissions, Evaluation, Scoring }, names.ToHashSet());
    }

    [Fact]
    public async Task FileContainingSymbol_PlansService_ReturnsItsProtoWithItsMethods()
    {
        var replies = await ReflectAsync(new ServerReflectionRequest { FileContainingSymbol = Plans });

        var files = replies.Single().FileDescriptorResponse.FileDescriptorProto
            .Select(bytes => FileDescriptorProto.Parser.ParseFrom(bytes)).ToList();
        var service = files.Single(f => f.Package == "tuyphuoc.plans.v1" && f.Service.Any(s => s.Name == "IndicatorPlans"))
            .Service.Single(s => s.Name == "IndicatorPlans");
        Assert.Contains(service.Method, m => m.Name == "WatchChanges" && m.ServerStreaming);
    }

    [Theory]
    [InlineData(Plans)]
    [InlineData(Submissions)]
    [InlineData(Evaluation)]
    [InlineData(Scoring)]
    public async Task HealthCheck_SuiteService_Serving(string service)
    {
        var reply = await new Health.HealthClient(suite.Gateway).CheckAsync(
            new HealthCheckRequest { Service = service }, SuiteFixture.Anonymous());

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
    }

    [Fact]
    public async Task HealthCheck_UnknownService_NotFound()
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => new Health.HealthClient(suite.Gateway).CheckAsync(
            new HealthCheckRequest { Service = "tuyphuoc.nothing.v1.Nothing" }, SuiteFixture.Anonymous()).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, e.StatusCode);
    }

    [Fact]
    public async Task IssueToken_UnknownRole_InvalidArgumentWithRoleViolation()
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => new DevTokens.DevTokensClient(suite.Gateway).IssueTokenAsync(
            new IssueTokenRequest { Role = "mayor" }, SuiteFixture.Anonymous()).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        var badRequest = e.GetRpcStatus()?.GetDetail<BadRequest>();
        Assert.NotNull(badRequest);
        Assert.Contains(badRequest.FieldViolations, v => v.Field == "role");
    }

    [Fact]
    public async Task IssueToken_BlockLeaderWithoutBlock_InvalidArgumentWithBlockViolation()
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => new DevTokens.DevTokensClient(suite.Gateway).IssueTokenAsync(
            new IssueTokenRequest { Role = Roles.BlockLeader }, SuiteFixture.Anonymous()).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Contains(e.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations, v => v.Field == "block");
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1441)]
    public async Task IssueToken_LifetimeOutOfRange_InvalidArgumentWithLifetimeViolation(int minutes)
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => new DevTokens.DevTokensClient(suite.Gateway).IssueTokenAsync(
            new IssueTokenRequest { Role = Roles.Partner, LifetimeMinutes = minutes }, SuiteFixture.Anonymous()).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Contains(e.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations, v => v.Field == "lifetime_minutes");
    }

    [Fact]
    public async Task HealthWatch_Gateway_SendsServingFirst()
    {
        using var call = new Health.HealthClient(suite.Gateway).Watch(new HealthCheckRequest(), SuiteFixture.Anonymous());

        Assert.True(await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken));
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, call.ResponseStream.Current.Status);
    }

    [Fact]
    public async Task RoutedCall_NoToken_Unauthenticated()
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => new IndicatorPlans.IndicatorPlansClient(suite.Gateway)
            .ListUnitsAsync(new ListUnitsRequest(), SuiteFixture.Anonymous()).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, e.StatusCode);
    }

    [Fact]
    public async Task RoutedCall_TokenSignedWithAnotherKey_Unauthenticated()
    {
        var forger = new DevTokenIssuer(new AuthOptions { SigningKey = DevTokenIssuer.NewKey() });
        var (forged, _) = forger.Issue("intruder", Roles.PlanningOffice);

        var e = await Assert.ThrowsAsync<RpcException>(() => new IndicatorPlans.IndicatorPlansClient(suite.Gateway)
            .ListUnitsAsync(new ListUnitsRequest(), SuiteFixture.WithBearer(forged)).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, e.StatusCode);
    }

    private async Task<List<ServerReflectionResponse>> ReflectAsync(ServerReflectionRequest request)
    {
        using var call = new ServerReflection.ServerReflectionClient(suite.Gateway).ServerReflectionInfo(SuiteFixture.Anonymous());
        await call.RequestStream.WriteAsync(request);
        await call.RequestStream.CompleteAsync();
        return await call.ResponseStream.ReadAllAsync(TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);
    }
}

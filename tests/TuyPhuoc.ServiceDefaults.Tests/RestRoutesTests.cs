using Google.Protobuf.Reflection;

namespace TuyPhuoc.ServiceDefaults.Tests;

/// <summary>Every RPC a partner may call over gRPC has a REST route too (the gateway routes what the rules say).</summary>
public sealed class RestRoutesTests
{
    /// <summary>Every RPC of the access table, and the development tokens; client streams have a unary REST form instead.</summary>
    public static TheoryData<string> PartnerRpcs()
    {
        var rpcs = new TheoryData<string>();
        foreach (var method in CallableMethods()) rpcs.Add(method.FullName);
        return rpcs;
    }

    private static IEnumerable<MethodDescriptor> CallableMethods() =>
        AccessTable.Services.SelectMany(s => s.Service.Methods)
            .Concat(Contracts.DevTokens.V1.DevTokens.Descriptor.Methods)
            .Where(m => !m.IsClientStreaming);

    private static MethodDescriptor Method(string fullName) => CallableMethods().Single(m => m.FullName == fullName);

    [Theory]
    [MemberData(nameof(PartnerRpcs))]
    public void Rpc_HasARestRouteUnderApiV1(string rpc)
    {
        var routes = RestApi.RoutesOf(Method(rpc));

        Assert.NotEmpty(routes);
        Assert.All(routes, r => Assert.StartsWith(RestApi.Prefix, r.Template, StringComparison.Ordinal));
        Assert.All(routes, r => Assert.Equal(r.Verb == "GET" ? "" : "*", r.Body));
    }

    [Fact]
    public void Streams_AreReadWithGetOnAPathOfTheirOwn()
    {
        var streams = CallableMethods().Where(m => m.IsServerStreaming).ToList();

        Assert.Equal(["WatchChanges", "WatchChanges", "WatchResults", "WatchAnnouncements", "WatchChanges"], streams.Select(m => m.Name));
        // The gateway counts the streams a caller holds open by their path, so a stream's path names no field.
        Assert.All(streams.SelectMany(RestApi.RoutesOf), r => Assert.True(r.Verb == "GET" && r.IsLiteral, $"{r.Verb} {r.Template}"));
    }

    [Fact]
    public void Routes_NoTwoRpcsShareAVerbAndPath()
    {
        var routes = CallableMethods().SelectMany(m => RestApi.RoutesOf(m).Select(r => $"{r.Verb} {r.RouteTemplate}")).ToList();

        Assert.Equal(routes.Distinct().Count(), routes.Count);
    }

    [Fact]
    public void RouteTemplate_NestedField_OneRouteParameter()
    {
        var setScheme = RestApi.RoutesOf(Contracts.Scoring.V1.EmulationScoring.Descriptor.FindMethodByName("SetScheme")).Single();

        Assert.Equal(("PATCH", "/api/v1/schemes/{scheme_year}"), (setScheme.Verb, setScheme.RouteTemplate));
    }
}

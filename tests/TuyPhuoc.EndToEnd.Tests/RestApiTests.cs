using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Google.Protobuf;
using Google.Rpc;
using TuyPhuoc.Contracts.Evaluation.V1;
using TuyPhuoc.Contracts.Plans.V1;
using TuyPhuoc.Contracts.Submissions.V1;
using TuyPhuoc.ServiceDefaults;
using Change = TuyPhuoc.Contracts.Submissions.V1.Change;

namespace TuyPhuoc.EndToEnd.Tests;

/// <summary>
/// The suite as a partner without gRPC sees it: JSON over HTTP/1.1 through the gateway, with curl's kind of client.
/// The writes go to PHUOC_QUANG in December 2024, which no other test touches.
/// </summary>
public sealed class RestApiTests(SuiteFixture suite)
{
    private const int Year = 2024, Month = 12;
    private const string Reporting = "PHUOC_QUANG", District = "TUY_PHUOC";
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithTypeRegistry(RestApi.ErrorDetails));

    private HttpClient Http(IPAddress? from = null)
    {
        var gateway = suite.GatewayHttp;
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 32 };
        if (from is not null) handler.ConnectCallback = SourceAddress.ConnectFrom(from, gateway.Port);
        return new HttpClient(handler) { BaseAddress = new Uri($"http://127.0.0.1:{gateway.Port}"), Timeout = SuiteFixture.CallDeadline };
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, string? token = null, string? json = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        return request;
    }

    /// <summary>A development token as a partner gets one: POST /api/v1/dev-tokens.</summary>
    private static async Task<string> TokenAsync(HttpClient http, string role, string? unit = null)
    {
        using var response = await http.SendAsync(Request(HttpMethod.Post, "/api/v1/dev-tokens",
            json: JsonSerializer.Serialize(new { role, unit = unit ?? "" })), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return body.RootElement.GetProperty("accessToken").GetString()!;
    }

    private static async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> SendAsync(HttpClient http, HttpRequestMessage request)
    {
        var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), response);
    }

    private static async Task<T> GetAsync<T>(HttpClient http, string path, string token) where T : IMessage<T>, new()
    {
        var (status, body, _) = await SendAsync(http, Request(HttpMethod.Get, path, token));
        Assert.True(status == HttpStatusCode.OK, $"GET {path}: {(int)status} {body}");
        return Parser.Parse<T>(body);
    }

    private static Google.Rpc.Status Error(string body) => Parser.Parse<Google.Rpc.Status>(body);

    private static IReadOnlyList<BadRequest.Types.FieldViolation> ViolationsOf(Google.Rpc.Status status) =>
        [.. status.Details.Where(d => d.Is(BadRequest.Descriptor)).SelectMany(d => d.Unpack<BadRequest>().FieldViolations)];

    [Fact]
    public async Task Partner_ReadsThePlanAndTheDistrictScorecard_AsTheGrpcAnswers()
    {
        await suite.DemoLoadedAsync();
        using var http = Http();
        var token = await TokenAsync(http, Roles.Partner);
        var grpc = SuiteFixture.WithBearer(token);

        var plan = await GetAsync<Plan>(http, $"/api/v1/plans/{Year}", token);
        var scorecard = await GetAsync<Scorecard>(http, $"/api/v1/scorecards/{District}?year={Year}&quarter=1&page_size=100", token);

        Assert.Equal(await new IndicatorPlans.IndicatorPlansClient(suite.Gateway).GetPlanAsync(new GetPlanRequest { Year = Year }, grpc), plan);
        Assert.NotEmpty(plan.Targets);
        Assert.Equal((District, Year, 1), (scorecard.UnitCode, scorecard.Year, scorecard.Quarter));
        Assert.NotEmpty(scorecard.Statuses);
        // The results follow the demo's figures as they are evaluated: the two answers agree once both read the same.
        var evaluation = new Evaluation.EvaluationClient(suite.Gateway);
        for (var attempt = 1; ; attempt++)
        {
            var viaGrpc = await evaluation.GetScorecardAsync(new GetScorecardRequest { UnitCode = District, Year = Year, Quarter = 1, PageSize = 100 }, SuiteFixture.WithBearer(token));
            if (viaGrpc.Equals(scorecard) || attempt == 30)
            {
                Assert.Equal(viaGrpc, scorecard);
                break;
            }
            await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
            scorecard = await GetAsync<Scorecard>(http, $"/api/v1/scorecards/{District}?year={Year}&quarter=1&pageSize=100", token);
        }
    }

    [Fact]
    public async Task Reporter_SubmitsAnActualTwiceWithOneKey_SameAnswerAndOneRevision()
    {
        using var http = Http();
        var token = await TokenAsync(http, Roles.UnitReporter, Reporting);
        var body = JsonSerializer.Serialize(new
        {
            unit_code = Reporting, indicator_code = "CT16", year = Year, month = Month, value = 3.5, note = "Báo cáo qua REST", idempotency_key = $"rest-{Guid.NewGuid():N}",
        });

        var first = await SendAsync(http, Request(HttpMethod.Post, "/api/v1/actuals", token, body));
        var second = await SendAsync(http, Request(HttpMethod.Post, "/api/v1/actuals", token, body));

        Assert.True(first.Status == HttpStatusCode.OK, first.Body);
        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Equal(Parser.Parse<ActualRevision>(first.Body), Parser.Parse<ActualRevision>(second.Body));
        var stored = Parser.Parse<ActualRevision>(first.Body);
        Assert.Equal((1, 3.5, "Báo cáo qua REST"), (stored.Revision, stored.Value, stored.Note));
        var history = await GetAsync<ListRevisionsResponse>(http,
            $"/api/v1/actuals/revisions?unit_code={Reporting}&indicator_code=CT16&year={Year}&month={Month}", token);
        Assert.Equal([1], history.Revisions.Select(r => r.Revision));
    }

    public static TheoryData<string, string, string> BadBodies() => new()
    {
        // Outside the bounds of every request: the same refusal as over gRPC.
        { $$"""{"unit_code":"{{Reporting}}","indicator_code":"CT25","year":{{Year}},"month":{{Month}},"value":"Infinity"}""", "value", "finite" },
        { $$"""{"unit_code":"{{Reporting}}","indicator_code":"CT25","year":{{Year}},"month":{{Month}},"valeu":4}""", "valeu", "is not a field of SubmitActualRequest" },
        { $$"""{"unit_code":"{{Reporting}}","indicator_code":"CT25","year":{{Year}},"month":"December"}""", "month", "must be a number" },
        { $$"""{"unit_code":"{{Reporting}}","indicator_code":"CT25","year":{{Year}},"month":{{Month}},"value":4""", "", "not valid JSON" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task SubmitActual_BadBody_BadRequestNamingTheFieldAndNothingStored(string body, string field, string description)
    {
        using var http = Http();
        var token = await TokenAsync(http, Roles.UnitReporter, Reporting);

        var (status, answer, response) = await SendAsync(http, Request(HttpMethod.Post, "/api/v1/actuals", token, body));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var error = Error(answer);
        Assert.Equal((int)Grpc.Core.StatusCode.InvalidArgument, error.Code);
        var violation = Assert.Single(ViolationsOf(error));
        Assert.Equal(field, violation.Field);
        Assert.Contains(description, violation.Description, StringComparison.Ordinal);
        var history = await GetAsync<ListRevisionsResponse>(http,
            $"/api/v1/actuals/revisions?unit_code={Reporting}&indicator_code=CT25&year={Year}&month={Month}", token);
        Assert.Empty(history.Revisions);
    }

    [Fact]
    public async Task Get_UnknownQueryParameter_BadRequestNamingIt()
    {
        using var http = Http();
        var token = await TokenAsync(http, Roles.Partner);

        var (status, answer, _) = await SendAsync(http, Request(HttpMethod.Get, $"/api/v1/plans/{Year}?as_off=2024-06-30", token));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("as_off", Assert.Single(ViolationsOf(Error(answer))).Field);
    }

    [Fact]
    public async Task Partner_ReadsACommuneScorecardOrActuals_ForbiddenWithTheReason()
    {
        using var http = Http();
        var token = await TokenAsync(http, Roles.Partner);

        // The table grants a partner the district figures of Evaluation, and nothing of Submissions' actuals.
        var commune = await SendAsync(http, Request(HttpMethod.Get, $"/api/v1/scorecards/{Reporting}?year={Year}&quarter=1", token));
        var actuals = await SendAsync(http, Request(HttpMethod.Get, $"/api/v1/actuals?unit_code={Reporting}&year={Year}", token));

        Assert.Equal(HttpStatusCode.Forbidden, commune.Status);
        Assert.Equal((int)Grpc.Core.StatusCode.PermissionDenied, Error(commune.Body).Code);
        Assert.Contains(Reporting, Error(commune.Body).Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, actuals.Status);
        Assert.Equal((int)Grpc.Core.StatusCode.PermissionDenied, Error(actuals.Body).Code);
        Assert.Contains("ListActuals", Error(actuals.Body).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_NoToken_UnauthorizedWithTheReason()
    {
        using var http = Http();

        var (status, answer, response) = await SendAsync(http, Request(HttpMethod.Get, $"/api/v1/plans/{Year}"));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        Assert.Equal((int)Grpc.Core.StatusCode.Unauthenticated, Error(answer).Code);
    }

    [Fact]
    public async Task Flood_FromOneAddress_TooManyRequestsWithRetryAfterOtherAddressServed()
    {
        using var flooder = Http(IPAddress.Parse("127.0.0.71"));
        using var bystander = Http(IPAddress.Parse("127.0.0.72"));

        // Anonymous callers share one bucket per address (200 calls, 100 more a second): 1500 calls are far more than it holds and refills meanwhile.
        var answers = await Task.WhenAll(Enumerable.Range(0, 1500).Select(_ => SendAsync(flooder, Request(HttpMethod.Get, "/api/v1/blocks"))));
        var calm = await SendAsync(bystander, Request(HttpMethod.Get, "/api/v1/blocks"));

        Assert.All(answers, a => Assert.True(a.Status is HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests, $"unexpected {a.Status}"));
        var refused = answers.Where(a => a.Status == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(refused);
        Assert.All(refused, a =>
        {
            Assert.True(a.Response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), $"Retry-After: {a.Response.Headers.RetryAfter}");
            Assert.Equal((int)Grpc.Core.StatusCode.ResourceExhausted, Error(a.Body).Code);
        });
        Assert.Equal(HttpStatusCode.Unauthorized, calm.Status);
    }

    [Fact]
    public async Task ImportBatch_OneBadRow_EveryBadRowNamedAndNothingStoredThenAllStored()
    {
        using var http = Http();
        var token = await TokenAsync(http, Roles.UnitReporter, Reporting);
        object Row(string indicator, int month, double value) => new { unit_code = Reporting, indicator_code = indicator, year = Year, month, value };
        string Batch(params object[] rows) => JsonSerializer.Serialize(new { batch_idempotency_key = $"rest-{Guid.NewGuid():N}", rows });

        // Other tests may have stored this unit's month before: the refusal is judged by what it changed.
        Task<ListActualsResponse> MonthAsync() => GetAsync<ListActualsResponse>(http, $"/api/v1/actuals?unit_code={Reporting}&year={Year}&month={Month}", token);
        var beforeRefusal = await MonthAsync();
        var refused = await SendAsync(http, Request(HttpMethod.Post, "/api/v1/actuals/batch", token, Batch(Row("CT02", Month, 510), Row("CT02", 13, 510), Row("CT03", Month, 0.8))));
        var afterRefusal = await MonthAsync();
        var stored = await SendAsync(http, Request(HttpMethod.Post, "/api/v1/actuals/batch", token, Batch(Row("CT02", Month, 510), Row("CT03", Month, 0.8))));

        Assert.Equal(HttpStatusCode.OK, refused.Status);
        var refusal = Parser.Parse<ImportActualsResponse>(refused.Body);
        Assert.Equal((3L, 0L), (refusal.RowsReceived, refusal.RowsStored));
        var error = Assert.Single(refusal.Errors);
        Assert.Equal((2L, "month"), (error.Row, error.Field));
        Assert.Equal(beforeRefusal.Actuals, afterRefusal.Actuals);
        Assert.True(stored.Status == HttpStatusCode.OK, stored.Body);
        var import = Parser.Parse<ImportActualsResponse>(stored.Body);
        Assert.Equal((2L, 2L), (import.RowsReceived, import.RowsStored));
        Assert.Empty(import.Errors);
        var actuals = await MonthAsync();
        Assert.Equal([("CT02", 510.0), ("CT03", 0.8)], actuals.Actuals.Where(a => a.IndicatorCode is "CT02" or "CT03").Select(a => (a.IndicatorCode, a.Value)).Order());
    }

    [Fact]
    public async Task WatchChanges_AsNewlineDelimitedJson_OneChangePerLineInOrder()
    {
        await suite.DemoLoadedAsync();
        using var http = Http();
        var token = await TokenAsync(http, Roles.PlanningOffice);

        using var response = await http.SendAsync(Request(HttpMethod.Get, "/api/v1/changes/submissions?after_sequence=0", token),
            HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken));
        var changes = new List<Change>();
        while (changes.Count < 3 && await reader.ReadLineAsync(TestContext.Current.CancellationToken) is { } line)
        {
            changes.Add(Parser.Parse<Change>(line));
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, changes.Count);
        Assert.Equal(changes.Select(c => c.Sequence).Order(), changes.Select(c => c.Sequence));
        Assert.All(changes, c => Assert.False(string.IsNullOrEmpty(c.Kind)));
    }

    /// <summary>Every REST route of every RPC partners may call, as the protos' rules say, with a value in each field of the path.</summary>
    public static TheoryData<string, string> Routes()
    {
        var routes = new TheoryData<string, string>();
        foreach (var method in AccessTable.Services.SelectMany(s => s.Service.Methods).Where(m => !m.IsClientStreaming))
            foreach (var route in RestApi.RoutesOf(method))
                routes.Add(route.Verb, System.Text.RegularExpressions.Regex.Replace(route.Template, @"\{[^}]+\}", "2024"));
        return routes;
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Route_WithoutToken_TheGatewayRoutesItAndTheDocumentDescribesIt(string verb, string path)
    {
        // From an address of its own, so these calls count against no other test's bucket.
        using var http = Http(IPAddress.Parse("127.0.0.73"));

        var (status, _, _) = await SendAsync(http, Request(new HttpMethod(verb), path, json: verb == "GET" ? null : "{}"));
        var document = await SendAsync(http, Request(HttpMethod.Get, "/openapi/v1.json"));

        // An unrouted path would be 404: the gateway knows the route and asks for a token.
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        using var openApi = JsonDocument.Parse(document.Body);
        var described = openApi.RootElement.GetProperty("paths").EnumerateObject()
            .Where(p => System.Text.RegularExpressions.Regex.Replace(p.Name, @"\{[^}]+\}", "2024") == path)
            .SelectMany(p => p.Value.EnumerateObject().Select(o => o.Name.ToUpperInvariant()));
        Assert.Contains(verb, described);
    }

    [Fact]
    public async Task Reference_OnTheGatewaysHttpPort_ServesThePageForTheDocument()
    {
        using var http = Http();

        var page = await SendAsync(http, Request(HttpMethod.Get, "/api-reference"));
        var script = await SendAsync(http, Request(HttpMethod.Get, "/api-reference/scalar.js"));
        var document = await SendAsync(http, Request(HttpMethod.Get, "/openapi/v1.json"));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        // The page loads the document relative to the gateway's root, as a browser resolves it.
        Assert.Contains("\"url\":\"openapi/v1.json\"", page.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, script.Status);
        Assert.Equal(HttpStatusCode.OK, document.Status);
        using var openApi = JsonDocument.Parse(document.Body);
        var submit = openApi.RootElement.GetProperty("paths").GetProperty("/api/v1/actuals").GetProperty("post");
        // The proto's comment on the RPC.
        Assert.Contains("Same idempotency key and content: the first answer again.", submit.GetProperty("summary").GetString(), StringComparison.Ordinal);
    }
}

using Grpc.Core;
using TuyPhuoc.Contracts.DevTokens.V1;
using TuyPhuoc.Contracts.Plans.V1;
using TuyPhuoc.ServiceDefaults;
using Eval = TuyPhuoc.Contracts.Evaluation.V1;
using Subs = TuyPhuoc.Contracts.Submissions.V1;

namespace TuyPhuoc.EndToEnd.Tests;

/// <summary>The suite with Auth:Authority set: tokens only from that provider, services calling each other with theirs.</summary>
[Collection(AuthoritySuiteCollection.Name)]
public sealed class AuthorityTests(AuthoritySuite suite)
{
    private const int Year = 2024;

    [Fact]
    public async Task IssueToken_WithAnAuthority_NotServed()
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => new DevTokens.DevTokensClient(suite.Gateway)
            .IssueTokenAsync(new IssueTokenRequest { Role = Roles.PlanningOffice }, SuiteFixture.Anonymous()).ResponseAsync);

        Assert.Equal(StatusCode.Unimplemented, e.StatusCode);
    }

    [Fact]
    public async Task RoutedCall_TokenSignedWithADevelopmentKey_Unauthenticated()
    {
        var (token, _) = new DevTokenIssuer(new AuthOptions { SigningKey = DevTokenIssuer.NewKey() }).Issue("developer", Roles.PlanningOffice);

        var e = await Assert.ThrowsAsync<RpcException>(() => new IndicatorPlans.IndicatorPlansClient(suite.Gateway)
            .ListUnitsAsync(new ListUnitsRequest(), SuiteFixture.WithBearer(token)).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, e.StatusCode);
    }

    [Fact]
    public async Task RoutedCalls_TokensFromTheAuthority_ServedAsTheirRoles()
    {
        var office = SuiteFixture.WithBearer(suite.Issuer.Issue("office-1", Roles.PlanningOffice));
        var reporter = SuiteFixture.WithBearer(suite.Issuer.Issue("reporter-1", Roles.UnitReporter, unit: "PHUOC_THANG"));

        var units = await new IndicatorPlans.IndicatorPlansClient(suite.Gateway).ListUnitsAsync(new ListUnitsRequest { PageSize = 1000 }, office);
        var e = await Assert.ThrowsAsync<RpcException>(() => new Subs.Submissions.SubmissionsClient(suite.Gateway).SubmitActualAsync(new Subs.SubmitActualRequest
        {
            UnitCode = "PHUOC_AN", IndicatorCode = "CT08", Year = Year, Month = 9, Value = 1, IdempotencyKey = Guid.NewGuid().ToString(),
        }, reporter).ResponseAsync);

        Assert.Contains(units.Units, u => u.Code == "PHUOC_THANG");
        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
    }

    [Fact]
    public async Task Feeds_AfterEveryFirstServiceTokenLapsed_SubmissionsStillReachEvaluation()
    {
        await SubmittedAndEvaluatedAsync(41);
        var before = suite.Issuer.TokensIssued.Where(t => t.ClientId == AuthoritySuite.ServicesClient).ToList();
        Assert.NotEmpty(before);

        // Every token the services held when the test began is past its expiry and the skew.
        var lapsed = before.Max(t => t.ExpiresAt) + AuthoritySuite.ClockSkew + TimeSpan.FromSeconds(1);
        if (lapsed > DateTimeOffset.UtcNow) await Task.Delay(lapsed - DateTimeOffset.UtcNow, TestContext.Current.CancellationToken);
        // Evaluation follows Submissions' feed again after the restart, with the token it holds now.
        suite.Kill(ResourceNames.Submissions);
        await suite.StartAsync(ResourceNames.Submissions);
        await SubmittedAndEvaluatedAsync(42);

        var renewed = suite.Issuer.TokensIssued.Where(t => t.ClientId == AuthoritySuite.ServicesClient).Skip(before.Count).ToList();
        // One for the restarted Submissions; the others are renewals by the services that kept running.
        Assert.True(renewed.Count >= 2, $"{renewed.Count} tokens issued after the first ones");
    }

    private async Task SubmittedAndEvaluatedAsync(double value)
    {
        const string unit = "PHUOC_SON", indicator = "CT08";
        var reporter = SuiteFixture.WithBearer(suite.Issuer.Issue("reporter-son", Roles.UnitReporter, unit, TimeSpan.FromMinutes(10)));
        await new Subs.Submissions.SubmissionsClient(suite.Gateway).SubmitActualAsync(new Subs.SubmitActualRequest
        {
            UnitCode = unit, IndicatorCode = indicator, Year = Year, Month = 9, Value = value, IdempotencyKey = Guid.NewGuid().ToString(),
        }, reporter);

        var evaluation = new Eval.Evaluation.EvaluationClient(suite.Gateway);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            try
            {
                var status = await evaluation.GetIndicatorStatusAsync(new Eval.GetIndicatorStatusRequest
                {
                    UnitCode = unit, IndicatorCode = indicator, Year = Year, Quarter = 3,
                }, SuiteFixture.WithBearer(suite.Issuer.Issue("reporter-son", Roles.UnitReporter, unit)));
                if (status.MonthlyActuals[8].HasValue && status.MonthlyActuals[8].Value == value) return;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
            {
                // The evaluation has not followed the seeded plan yet.
            }
            Assert.True(DateTime.UtcNow < deadline, $"The actual {value} did not reach Evaluation within 90 s.");
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
    }
}

using Npgsql;
using TuyPhuoc.Contracts.Evaluation.V1;
using TuyPhuoc.Contracts.Submissions.V1;
using TuyPhuoc.ServiceDefaults;

namespace TuyPhuoc.EndToEnd.Tests;

/// <summary>One entry Evaluation cannot evaluate does not stop it: it is set aside, the others go on, health says so.</summary>
[Collection(IsolatedSuiteCollection.Name)]
public sealed class SetAsideTests(IsolatedSuite suite)
{
    private const string Poisoned = "PHUOC_THANG", Other = "PHUOC_HUNG", Indicator = "CT03";
    private const int Year = 2024;

    // A value from before Submissions bounded its input, written straight into its database as an old version would have.
    private const string Poison = """
        WITH r AS (
            INSERT INTO actual_revisions ("UnitCode", "IndicatorCode", "Year", "Month", "Revision", "Value", "Note", "RecordedAt", "RecordedBy", "Origin")
            SELECT $1, $2, $3, 1, COALESCE(max("Revision"), 0) + 1, 1e29, '', now(), 'legacy', 1
            FROM actual_revisions WHERE "UnitCode" = $1 AND "IndicatorCode" = $2 AND "Year" = $3 AND "Month" = 1
            RETURNING "Revision")
        INSERT INTO change_log ("OccurredAt", "Kind", "Key", "Data") SELECT now(), 'actual.revised', $1 || '/' || $2 || '/' || $3 || '/1', jsonb_build_object('Revision', r."Revision") FROM r
        """;

    private const string Fix = """UPDATE actual_revisions SET "Value" = 7 WHERE "UnitCode" = $1 AND "IndicatorCode" = $2 AND "Year" = $3 AND "Value" > 1e20""";

    [Fact]
    public async Task UnevaluableEntry_SetAsideOthersEvaluatedDegradedUntilARecomputeAfterTheFix()
    {
        var ct = TestContext.Current.CancellationToken;
        var evaluation = new Evaluation.EvaluationClient(suite.Gateway);
        var planning = await suite.CallAsAsync(Roles.PlanningOffice);
        var other = await suite.CallAsAsync(Roles.UnitReporter, Other);
        await using var db = await suite.OpenDatabaseAsync(ResourceNames.SubmissionsDb);

        await ExecuteAsync(db, Poison, ct);
        var value = 100 + Random.Shared.Next(1, 900);
        await new Submissions.SubmissionsClient(suite.Gateway).SubmitActualAsync(new SubmitActualRequest
        {
            UnitCode = Other, IndicatorCode = Indicator, Year = Year, Month = 10, Value = value, IdempotencyKey = Guid.NewGuid().ToString(),
        }, other);

        await Eventually.TrueAsync(async () => (await evaluation.GetIndicatorStatusAsync(Status(Other), other)).MonthlyActuals[9].Value == value,
            TimeSpan.FromSeconds(20), "the submission after the unevaluable entry was not evaluated");
        await Eventually.TrueAsync(async () => (await suite.HealthAsync(ResourceNames.Evaluation)).StartsWith("Degraded", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10), "Evaluation's health did not say that an entry was set aside");

        await ExecuteAsync(db, Fix, ct);
        await evaluation.RecomputeAsync(new RecomputeRequest { Year = Year }, planning);

        Assert.Equal("Healthy", await suite.HealthAsync(ResourceNames.Evaluation));
        Assert.Equal(7, (await evaluation.GetIndicatorStatusAsync(Status(Poisoned), planning)).MonthlyActuals[0].Value);
    }

    private static GetIndicatorStatusRequest Status(string unit) =>
        new() { UnitCode = unit, IndicatorCode = Indicator, Year = Year, Quarter = 4 };

    private static async Task ExecuteAsync(NpgsqlConnection db, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, db) { Parameters = { new() { Value = Poisoned }, new() { Value = Indicator }, new() { Value = Year } } };
        Assert.True(await command.ExecuteNonQueryAsync(ct) > 0);
    }
}

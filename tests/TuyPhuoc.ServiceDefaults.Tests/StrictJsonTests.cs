using System.Text;
using Microsoft.AspNetCore.Http;
using TuyPhuoc.Contracts.Plans.V1;

namespace TuyPhuoc.ServiceDefaults.Tests;

public sealed class StrictJsonTests
{
    private static async Task<List<FieldViolation>> CheckAsync(string json, string query = "", string body = "*")
    {
        var http = new DefaultHttpContext();
        http.Request.ContentType = "application/json; charset=utf-8";
        http.Request.QueryString = new QueryString(query);
        http.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(json));
        var violations = await StrictJson.CheckAsync(http.Request, CreatePlanRequest.Descriptor, body);
        // Transcoding reads the body again from its start.
        Assert.Equal(0, http.Request.Body.Position);
        return violations;
    }

    [Fact]
    public async Task Check_ProtoAndJsonNamesWellKnownTypesAndEnums_Accepted()
    {
        var json = """
            {"year":2024,"decisionNumber":"12689/QĐ-UBND","decision_date":{"year":2023,"month":12,"day":27},
             "targets":[{"indicator_code":"CT02","districtTarget":"510.5","months":[1,2.5],"aggregation":"AGGREGATION_SUM"},{"indicatorCode":"CT03","aggregation":2}],
             "idempotency_key":null}
            """;

        Assert.Empty(await CheckAsync(json));
    }

    [Fact]
    public async Task Check_UnknownFieldsAndWrongKinds_EachNamedWhereItIs()
    {
        var json = """{"year":"next","targets":[{"indicator_code":"CT02"},{"indicator_cod":"CT03","aggregation":"SUM"}],"note":"x","decision_date":[]}""";

        var violations = await CheckAsync(json);

        Assert.Equal(
            ["year", "targets[1].indicator_cod", "targets[1].aggregation", "note", "decision_date"],
            violations.Select(v => v.Field));
        Assert.Equal("is not a field of Target", violations[1].Description);
        Assert.StartsWith("must be one of AGGREGATION_UNSPECIFIED, AGGREGATION_SUM", violations[2].Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_MalformedJson_OneViolationForTheBodySayingWhere()
    {
        var violation = Assert.Single(await CheckAsync("""{"year":2024,"""));

        Assert.Equal("", violation.Field);
        Assert.StartsWith("The body is not valid JSON:", violation.Description, StringComparison.Ordinal);
        Assert.Contains("LineNumber: 0", violation.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_QueryParameterOfNoField_Named()
    {
        var violations = await CheckAsync("{}", "?year=2024&decision_date.year=2023&yaer=2024&decision_date.yaer=1");

        Assert.Equal(["yaer", "decision_date.yaer"], violations.Select(v => v.Field));
    }
}

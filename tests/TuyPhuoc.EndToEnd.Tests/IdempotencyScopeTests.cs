using Google.Rpc;
using Grpc.Core;
using TuyPhuoc.Contracts.Submissions.V1;
using TuyPhuoc.ServiceDefaults;

namespace TuyPhuoc.EndToEnd.Tests;

/// <summary>Idempotency keys belong to their caller: another unit's key never answers with its stored answer, nor is used up.</summary>
public sealed class IdempotencyScopeTests(SuiteFixture suite)
{
    private const int Year = 2024;
    private const string Owner = "PHUOC_SON", Stranger = "PHUOC_AN";

    private Submissions.SubmissionsClient Client => new(suite.Gateway);

    private static SubmitActualRequest Actual(string unit, int month, double value, string key) =>
        new() { UnitCode = unit, IndicatorCode = "CT08", Year = Year, Month = month, Value = value, IdempotencyKey = key };

    [Fact]
    public async Task SubmitActual_AnotherUnitsKey_NeverGetsItsAnswerNorUsesItUp()
    {
        var key = Guid.NewGuid().ToString();
        var owner = await suite.CallAsAsync(Roles.UnitReporter, Owner);
        var stranger = await suite.CallAsAsync(Roles.UnitReporter, Stranger);
        var first = await Client.SubmitActualAsync(Actual(Owner, 11, 41, key), owner);

        var replayed = await Assert.ThrowsAsync<RpcException>(() => Client.SubmitActualAsync(Actual(Owner, 11, 41, key), stranger).ResponseAsync);
        var own = await Client.SubmitActualAsync(Actual(Stranger, 11, 17, key), stranger);
        var again = await Client.SubmitActualAsync(Actual(Owner, 11, 41, key), owner);
        var office = await Client.SubmitActualAsync(Actual(Owner, 11, 41, key), await suite.CallAsAsync(Roles.PlanningOffice));

        Assert.Equal(StatusCode.PermissionDenied, replayed.StatusCode);
        Assert.Equal((Stranger, 17.0), (own.UnitCode, own.Value));
        Assert.Equal(first, again);
        // The office's key is its own: the same request under it is a new revision, not the reporter's answer.
        Assert.Equal(first.Revision + 1, office.Revision);
    }

    [Fact]
    public async Task ImportActuals_AnotherUnitsBatchKey_NeverGetsItsAnswerNorUsesItUp()
    {
        var key = Guid.NewGuid().ToString();
        var owner = await suite.CallAsAsync(Roles.UnitReporter, Owner);
        var stranger = await suite.CallAsAsync(Roles.UnitReporter, Stranger);
        var first = await ImportAsync(owner, key, Owner, 23);

        var replayed = await Assert.ThrowsAsync<RpcException>(() => ImportAsync(stranger, key, Owner, 23));
        var own = await ImportAsync(stranger, key, Stranger, 29);
        var again = await ImportAsync(owner, key, Owner, 23);

        Assert.Equal(StatusCode.PermissionDenied, replayed.StatusCode);
        Assert.Equal(1, own.RowsStored);
        Assert.NotEqual(first.BatchId, own.BatchId);
        Assert.Equal(first, again);
    }

    [Fact]
    public async Task RaiseEscalation_AnotherUnitsKey_RefusedBeforeAnyStoredAnswer()
    {
        var key = Guid.NewGuid().ToString();
        var owner = await suite.CallAsAsync(Roles.UnitReporter, Owner);
        var request = new RaiseEscalationRequest
        {
            UnitCode = Owner, Year = Year, IndicatorCodes = { "CT08" }, IdempotencyKey = key,
            Title = "Thiếu số liệu lao động của các doanh nghiệp mới", Description = "Đề nghị Phòng Lao động - Thương binh và Xã hội hỗ trợ tổng hợp.",
        };
        var first = await Client.RaiseEscalationAsync(request, owner);

        var stranger = await suite.CallAsAsync(Roles.UnitReporter, Stranger);
        var leader = await suite.CallAsAsync(Roles.BlockLeader, block: "economy");

        var replayed = await Assert.ThrowsAsync<RpcException>(() => Client.RaiseEscalationAsync(request, stranger).ResponseAsync);
        var denied = await Assert.ThrowsAsync<RpcException>(() => Client.RaiseEscalationAsync(request, leader).ResponseAsync);
        var again = await Client.RaiseEscalationAsync(request, owner);

        Assert.Equal(StatusCode.PermissionDenied, replayed.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        Assert.Equal(first.Id, again.Id);
    }

    [Fact]
    public async Task SubmitActual_KeyLongerThanTheBound_InvalidArgumentOnTheKey()
    {
        var owner = await suite.CallAsAsync(Roles.UnitReporter, Owner);

        var e = await Assert.ThrowsAsync<RpcException>(() => Client.SubmitActualAsync(
            Actual(Owner, 11, 1, new string('k', Idempotency.MaxClientKeyLength + 1)), owner).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Contains(e.GetRpcStatus()?.GetDetail<BadRequest>()?.FieldViolations ?? [], v => v.Field == "idempotency_key");
    }

    private async Task<ImportActualsResponse> ImportAsync(CallOptions options, string key, string unit, double value)
    {
        using var call = Client.ImportActuals(options);
        try
        {
            await call.RequestStream.WriteAsync(new ImportActualsRequest
            {
                BatchIdempotencyKey = key, UnitCode = unit, IndicatorCode = "CT08", Year = Year, Month = 10, Value = value,
            });
            await call.RequestStream.CompleteAsync();
        }
        catch (RpcException)
        {
            // Refused before the stream was read: the answer below says why.
        }
        return await call.ResponseAsync;
    }
}

using Google.Rpc;
using Grpc.Core;
using TuyPhuoc.Contracts.Scoring.V1;
using TuyPhuoc.Contracts.Submissions.V1;
using TuyPhuoc.ServiceDefaults;
using Date = Google.Type.Date;

namespace TuyPhuoc.EndToEnd.Tests;

/// <summary>
/// Issue 19, workflow integrity, through the gateway on the real AppHost: an escalation ends by the raising unit's
/// (or the planning office's) close, never by the office that must answer it, and a close is no answer to scoring.
/// </summary>
public sealed class WorkflowIntegrityTests(SuiteFixture suite)
{
    private const int Year = 2024;
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(90);

    private Submissions.SubmissionsClient Submissions => new(suite.Gateway);

    private Task<CallOptions> Reporter(string unit) => suite.CallAsAsync(Roles.UnitReporter, unit: unit);

    private async Task<Escalation> AssignedAsync(string unit, string office, string title)
    {
        var raised = await Submissions.RaiseEscalationAsync(new RaiseEscalationRequest
        {
            UnitCode = unit, Year = Year, IndicatorCodes = { "CT04" }, Title = title, Description = "Vượt thẩm quyền của xã.",
        }, await Reporter(unit));
        var due = DateTime.UtcNow.AddDays(14);
        return await Submissions.AssignEscalationAsync(new AssignEscalationRequest
        {
            Id = raised.Id, OfficeCode = office, DueDate = new Date { Year = due.Year, Month = due.Month, Day = due.Day },
        }, await suite.CallAsAsync(Roles.PlanningOffice));
    }

    [Fact]
    public async Task CloseEscalation_ByTheAssignedOfficeOrUnansweredWithoutReason_RefusedAndStillAssigned()
    {
        var assigned = await AssignedAsync("PHUOC_HOA", "TN_MT", "Vướng mắc cấp giấy chứng nhận quyền sử dụng đất");
        var commune = await Reporter("PHUOC_HOA");
        var office = await Reporter("TN_MT");

        var byOffice = await Assert.ThrowsAsync<RpcException>(() => Submissions.CloseEscalationAsync(
            new CloseEscalationRequest { Id = assigned.Id, Note = "Đã xử lý" }, office).ResponseAsync);
        var noReason = await Assert.ThrowsAsync<RpcException>(() => Submissions.CloseEscalationAsync(
            new CloseEscalationRequest { Id = assigned.Id, Note = "  " }, commune).ResponseAsync);
        var stored = await Submissions.GetEscalationAsync(new GetEscalationRequest { Id = assigned.Id }, commune);
        var closed = await Submissions.CloseEscalationAsync(new CloseEscalationRequest { Id = assigned.Id, Note = "Xã đã tự tháo gỡ được" }, commune);

        Assert.Equal(StatusCode.PermissionDenied, byOffice.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, noReason.StatusCode);
        Assert.Equal("note", Assert.Single(noReason.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations).Field);
        Assert.Equal((EscalationStatus.Assigned, 2), (stored.Status, stored.Steps.Count));
        Assert.Equal(EscalationStatus.Closed, closed.Status);
        Assert.Equal(("", "Xã đã tự tháo gỡ được"), (closed.Answer, closed.Steps[^1].Text));
    }

    [Fact]
    public async Task Score_EscalationClosedUnansweredAfterItsDueDate_OfficeStillDeducted()
    {
        var assigned = await AssignedAsync("PHUOC_NGHIA", "KT_HT", "Vướng mắc nguồn vốn đường giao thông nông thôn");
        // Assigned in May with ten days to answer: the due date is set back in the store, as the days would have passed.
        await using (var db = await suite.OpenDatabaseAsync(ResourceNames.SubmissionsDb))
        await using (var command = new Npgsql.NpgsqlCommand("""UPDATE escalations SET "DueDate" = DATE '2024-05-10' WHERE "Id" = $1""", db)
            { Parameters = { new() { Value = Guid.Parse(assigned.Id) } } })
        {
            Assert.Equal(1, await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));
        }

        var commune = await Reporter("PHUOC_NGHIA");
        await Submissions.CloseEscalationAsync(new CloseEscalationRequest { Id = assigned.Id, Note = "Không còn cần thiết" }, commune);

        var scoring = new EmulationScoring.EmulationScoringClient(suite.Gateway);
        var home = await suite.CallAsAsync(Roles.HomeAffairs);
        var deadline = DateTime.UtcNow + Soon;
        Score score;
        while (true)
        {
            score = await scoring.GetScoreAsync(new GetScoreRequest { UnitCode = "KT_HT", Year = Year, Quarter = 2 }, home);
            // The escalation is deducted as overdue from its assignment on: the wait is for the score that knows it closed.
            if (score.Deductions.Any(d => d.Cause.Contains(assigned.Id, StringComparison.Ordinal) && d.Cause.Contains("closed unanswered", StringComparison.Ordinal))
                || DateTime.UtcNow > deadline) break;
            await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
        }

        var line = Assert.Single(score.Deductions, d => d.Cause.Contains(assigned.Id, StringComparison.Ordinal));
        Assert.Equal("overdue_escalation", line.Kind);
        Assert.Contains("overdue since 2024-05-11 (due 2024-05-10, closed unanswered ", line.Cause, StringComparison.Ordinal);
    }
}

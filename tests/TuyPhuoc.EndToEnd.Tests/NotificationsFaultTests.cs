using TuyPhuoc.Contracts.DevTokens.V1;
using TuyPhuoc.Contracts.Notifications.V1;
using TuyPhuoc.ServiceDefaults;

namespace TuyPhuoc.EndToEnd.Tests;

/// <summary>
/// Issue 22: kill -9 of Notifications while it mails a batch, on the isolated suite. The batch: December 2024 of six
/// communes and towns returned, months no other test of the isolated suite writes (its other tests take July to
/// November and PHUOC_THANG's December), each unit's inbox with its official address and fourteen people with their own.
/// What the design guarantees, and this test holds it to: every event is in every recipient's inbox exactly once;
/// no mail goes twice; every mail is sent but those of the one round the crash caught between claiming and recording
/// them, which stay marked as interrupted and are never sent again (at most once: each of them reached the server once
/// or not at all).
/// </summary>
[Collection(IsolatedSuiteCollection.Name)]
public sealed class NotificationsFaultTests(IsolatedSuite suite)
{
    // 6 × (1 + 14) = 90 mails: more than a round (so some wait while one is sent) and fewer than the 100 smtp4dev keeps.
    private const int Year = 2024, Month = 12, PeoplePerUnit = 14;
    private const string Subject = "Báo cáo tháng 12/2024 bị trả lại";
    private static readonly string[] Units = ["PHUOC_HIEP", "PHUOC_LOC", "PHUOC_NGHIA", "PHUOC_THUAN", "PHUOC_THANH", "TT_DIEU_TRI"];

    private enum Status { Pending, Sending, Sent, Failed, InFlight }

    private sealed record Row(string Address, Status Status, DateTimeOffset ClaimedAt, DateTimeOffset? SentAt);

    [Fact]
    public async Task KillNotifications_WhileItMailsABatch_EveryInboxEntryOnceNoMailTwice_AtMostTheMailInFlightNotSent()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var notes = new Notifications.NotificationsClient(suite.Gateway);
        var planning = await suite.CallAsAsync(Roles.PlanningOffice);
        var people = new List<(string Unit, string Token)>();
        var addresses = new List<string>();
        foreach (var unit in Units)
        {
            var official = $"fault-{run}-{unit.ToLowerInvariant()}@tuyphuoc.local";
            await notes.SetMailAddressAsync(new SetMailAddressRequest { InboxCode = unit, Address = official, IdempotencyKey = Guid.NewGuid().ToString() }, planning);
            addresses.Add(official);
            for (var i = 1; i <= PeoplePerUnit; i++)
            {
                var token = (await new DevTokens.DevTokensClient(suite.Gateway).IssueTokenAsync(
                    new IssueTokenRequest { Role = Roles.UnitReporter, Unit = unit, Subject = $"fault-{run}-{unit}-{i}" }, SuiteFixture.Anonymous())).AccessToken;
                var own = $"fault-{run}-{unit.ToLowerInvariant()}-{i}@tuyphuoc.local";
                await notes.SetPreferencesAsync(new SetPreferencesRequest { MailAddress = own, IdempotencyKey = Guid.NewGuid().ToString() }, SuiteFixture.WithBearer(token));
                people.Add((unit, token));
                addresses.Add(own);
            }
        }

        // The server down while the months are returned, so the whole batch waits in the outbox.
        await suite.StopAsync(ResourceNames.Smtp);
        foreach (var unit in Units) await NotificationsTests.SendAndReturnAsync(suite, unit, Year, Month, "Thiếu số liệu tháng 12; đề nghị bổ sung");
        await Eventually.TrueAsync(async () => (await OutboxAsync(run)).Count == addresses.Count, TimeSpan.FromSeconds(90), "the batch's mails were not all queued");
        await suite.StartAsync(ResourceNames.Smtp);

        // Killed as soon as the first of the batch's mails reaches the server: the dispatcher is in the middle of it.
        await Eventually.TrueAsync(async () => (await MailsAsync(run)).Count > 0, TimeSpan.FromSeconds(120), "no mail of the batch reached the server");
        suite.Kill(ResourceNames.Notifications);
        var killedAt = DateTimeOffset.UtcNow;
        var beforeTheKill = (await MailsAsync(run)).Count;
        // The restarted service may send before it is seen healthy: what it sent is what it recorded after the kill.
        await suite.StartAsync(ResourceNames.Notifications);
        // The round the kill interrupted is taken back once its claim is older than a minute, and its mails sent then.
        await Eventually.TrueAsync(async () => (await OutboxAsync(run)).All(r => r.Status is Status.Sent or Status.Failed), TimeSpan.FromSeconds(240),
            "mails still waiting after the restart");
        await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);
        var rows = await OutboxAsync(run);
        var mails = (await MailsAsync(run)).Select(m => m.GetProperty("to")[0].GetString()!)
            .GroupBy(to => addresses.Single(a => to.Contains(a, StringComparison.OrdinalIgnoreCase))).ToDictionary(g => g.Key, g => g.Count());

        // Every recipient has the month's return in its inbox exactly once.
        foreach (var (unit, token) in people)
        {
            var inbox = await notes.ListNotificationsAsync(new ListNotificationsRequest { PageSize = 1000 }, SuiteFixture.WithBearer(token));
            Assert.Single(inbox.Notifications, n => n.Kind == NotificationKind.ReportReturned && n.Link == $"/bao-cao?nam={Year}&thang={Month}&donvi={unit}");
        }
        // One outbox row per recipient, no mail twice.
        Assert.Equal(addresses.Order(StringComparer.Ordinal), rows.Select(r => r.Address).Order(StringComparer.Ordinal));
        Assert.All(mails, m => Assert.True(m.Value == 1, $"{m.Key} got {m.Value} mails"));
        // Every mail recorded as sent reached the server once.
        Assert.All(rows.Where(r => r.Status == Status.Sent), r => Assert.Equal(1, mails.GetValueOrDefault(r.Address)));
        // Not recorded as sent: at most the one mail in flight when the crash came, given up rather than risk a second
        // copy; it reached the server once (accepted before the crash could record it) or not at all.
        var interrupted = rows.Where(r => r.Status != Status.Sent).ToList();
        TestContext.Current.TestOutputHelper?.WriteLine($"{rows.Count} mails: {beforeTheKill} at the server before the kill, {interrupted.Count} interrupted "
            + $"({interrupted.Count(r => mails.ContainsKey(r.Address))} of them had reached the server), {rows.Count(r => r.SentAt > killedAt)} sent after the restart");
        Assert.All(interrupted, r => Assert.True(r.Status is Status.Failed && r.ClaimedAt < killedAt, $"{r.Address}: {r.Status}, claimed {r.ClaimedAt:O}"));
        Assert.True(interrupted.Count <= 1, $"{interrupted.Count} mails not sent: more than the one in flight");
        Assert.All(interrupted, r => Assert.True(mails.GetValueOrDefault(r.Address) <= 1));
        // The kill fell in the middle of the delivery: some mails went before it, the rest after the restart.
        Assert.True(beforeTheKill > 0);
        Assert.Contains(rows, r => r.Status == Status.Sent && r.SentAt > killedAt);
    }

    /// <summary>The batch's outbox rows, read from notificationsdb: a row's NextAttemptAt is the moment it was last claimed while it is sending.</summary>
    private async Task<List<Row>> OutboxAsync(string run)
    {
        await using var db = await suite.OpenDatabaseAsync(ResourceNames.NotificationsDb);
        await using var query = new Npgsql.NpgsqlCommand("""SELECT "Address", "Status", "NextAttemptAt", "SentAt" FROM mail_outbox WHERE "Address" LIKE $1""", db)
        {
            Parameters = { new() { Value = $"fault-{run}-%" } },
        };
        await using var reader = await query.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var rows = new List<Row>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            rows.Add(new(reader.GetString(0), (Status)reader.GetInt32(1), reader.GetFieldValue<DateTimeOffset>(2), reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3)));
        }
        return rows;
    }

    private async Task<List<System.Text.Json.JsonElement>> MailsAsync(string run) =>
        [.. (await NotificationsTests.MailsAsync(suite.SmtpInbox)).Where(m => m.GetProperty("subject").GetString() == Subject
            && m.GetProperty("to").EnumerateArray().Any(t => t.GetString()?.Contains($"fault-{run}-", StringComparison.OrdinalIgnoreCase) == true))];
}

using StackExchange.Redis;

namespace TuyPhuoc.EmulationScoring.Processing;

/// <summary>
/// Rankings from Redis sorted sets (score = position), built from the database on a miss. The keys carry the
/// year's ranking revision, so a change of scores never serves a stale list and old keys just expire.
/// With Redis down, the database answers.
/// </summary>
public sealed class RankingReader(ScoringStore store, IConnectionMultiplexer redis, ILogger<RankingReader> logger)
{
    private static readonly TimeSpan KeyLifetime = TimeSpan.FromHours(6);

    public async Task<(IReadOnlyList<Proto.RankingEntry> Entries, string NextPageToken)> PageAsync(
        int year, int quarter, string? block, int pageSize, string pageToken, CancellationToken ct)
    {
        var size = Paging.PageSize(pageSize);
        var after = Paging.After(pageToken) is { } token
            ? int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var position) ? position
                : throw new InvalidInputException("page_token", "is not a token this service gave out")
            : 0;
        var revision = await store.RankingRevisionAsync(year, ct);
        var key = $"scoring:ranking:{year}:{quarter}:{block ?? "all"}:r{revision}";

        var cached = await FromRedisAsync(key, after, size);
        var entries = cached ?? Page(await BuildAsync(key, year, quarter, block, ct), after, size);
        return entries.Count > size
            ? (entries.Take(size).ToList(), Paging.Token(entries[size - 1].Rank.ToString(CultureInfo.InvariantCulture)))
            : (entries, "");
    }

    private async Task<IReadOnlyList<Proto.RankingEntry>?> FromRedisAsync(string key, int after, int size)
    {
        if (!redis.IsConnected) return null;
        try
        {
            var db = redis.GetDatabase();
            if (!await db.KeyExistsAsync(key)) return null;
            var members = await db.SortedSetRangeByScoreAsync(key, after, double.PositiveInfinity, Exclude.Start, take: size + 1);
            return members.Select(m => Proto.RankingEntry.Parser.ParseFrom((byte[])m!)).ToList();
        }
        catch (RedisException e)
        {
            logger.LogDebug(e, "Redis did not answer for {Key}; the database answers", key);
            return null;
        }
    }

    private async Task<List<Proto.RankingEntry>> BuildAsync(string key, int year, int quarter, string? block, CancellationToken ct)
    {
        var rows = await store.RankingAsync(year, quarter, block, ct);
        var entries = rows.Select(r => new Proto.RankingEntry
        {
            Rank = block is null ? r.Rank : r.BlockRank,
            UnitCode = r.UnitCode,
            Block = r.Block,
            Total = (double)r.Total,
            ClassificationCode = r.ClassCode,
            ClassificationName = r.ClassName,
            HeldBackByCap = r.HeldBackByCap,
        }).ToList();
        if (entries.Count > 0 && redis.IsConnected)
        {
            try
            {
                var tx = redis.GetDatabase().CreateTransaction();
                _ = tx.SortedSetAddAsync(key, entries.Select(e => new SortedSetEntry(e.ToByteArray(), e.Rank)).ToArray());
                _ = tx.KeyExpireAsync(key, KeyLifetime);
                await tx.ExecuteAsync();
            }
            catch (RedisException e)
            {
                logger.LogDebug(e, "Could not cache {Key} in Redis", key);
            }
        }
        return entries;
    }

    private static List<Proto.RankingEntry> Page(IEnumerable<Proto.RankingEntry> entries, int after, int size) =>
        entries.Where(e => e.Rank > after).Take(size + 1).ToList();
}

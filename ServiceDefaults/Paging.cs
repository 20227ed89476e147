namespace TuyPhuoc.ServiceDefaults;

/// <summary>Keyset paging: the page token is the (opaque) key of the last item of the previous page.</summary>
public static class Paging
{
    public const int DefaultPageSize = 50, MaxPageSize = 1000;

    public static int PageSize(int requested)
    {
        if (requested is < 0 or > MaxPageSize) throw new InvalidInputException("page_size", $"must be between 0 and {MaxPageSize}");
        return requested == 0 ? DefaultPageSize : requested;
    }

    public static string? After(string? pageToken)
    {
        if (string.IsNullOrEmpty(pageToken)) return null;
        try { return Encoding.UTF8.GetString(Convert.FromBase64String(pageToken)); }
        catch (FormatException) { throw new InvalidInputException("page_token", "is not a token this service gave out"); }
    }

    public static string Token(string key) => Convert.ToBase64String(Encoding.UTF8.GetBytes(key));

    /// <summary>One page of items already ordered by <paramref name="key"/>, and the token of the next page ("" at the end).</summary>
    public static (List<T> Items, string NextPageToken) Page<T>(IEnumerable<T> ordered, Func<T, string> key, int pageSize, string? pageToken)
    {
        var size = PageSize(pageSize);
        var after = After(pageToken);
        var items = ordered.Where(x => after is null || string.CompareOrdinal(key(x), after) > 0).Take(size + 1).ToList();
        if (items.Count <= size) return (items, "");
        items.RemoveAt(size);
        return (items, Token(key(items[^1])));
    }

    /// <summary>Every item of a paged listing, page after page: <paramref name="call"/> takes the page token, <paramref name="read"/> gives the page's items and the next token.</summary>
    public static async IAsyncEnumerable<T> AllAsync<TResponse, T>(Func<string, Task<TResponse>> call, Func<TResponse, (IEnumerable<T> Items, string Next)> read)
    {
        var token = "";
        do
        {
            var (items, next) = read(await call(token));
            foreach (var item in items) yield return item;
            token = next;
        }
        while (token != "");
    }
}

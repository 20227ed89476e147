using Microsoft.AspNetCore.Components;

namespace TuyPhuoc.Portal.Components;

/// <summary>A page that reads the suite as the signed-in person: their call options, and a problem said in their language.</summary>
public abstract class SuitePage : ComponentBase
{
    [Inject] protected SuiteSession Session { get; set; } = default!;
    [Inject] protected IStringLocalizer<Strings> L { get; set; } = default!;
    [Inject] protected NavigationManager Nav { get; set; } = default!;
    [Inject] protected PlanCache Plans { get; set; } = default!;
    [Inject] protected DistrictClock Clock { get; set; } = default!;

    protected Person? Person { get; private set; }
    protected Problem? Problem { get; set; }
    /// <summary>What the person's last action did, said beside <see cref="Problem"/>.</summary>
    protected string? Notice { get; set; }
    protected bool Busy { get; private set; }
    /// <summary>True once the page is live in the browser (the browser tests wait for it before they type).</summary>
    protected bool Live => RendererInfo.IsInteractive;

    protected DateOnly Today => Clock.Today;

    protected override async Task OnInitializedAsync() => Person = await Session.PersonAsync();

    /// <summary>Runs <paramref name="work"/> with the person's call options; a failure becomes <see cref="Problem"/>, and what the person typed stays.</summary>
    protected async Task<bool> TryAsync(Func<CallOptions, Task> work)
    {
        Busy = true;
        try
        {
            await work(await Session.CallAsync());
            Problem = null;
            return true;
        }
        catch (RpcException e) when (e.StatusCode != StatusCode.Unauthenticated)
        {
            Problem = Problems.Of(e, L);
            return false;
        }
        catch (Exception e) when (e is SessionEndedException or RpcException)
        {
            Nav.NavigateTo($"{PortalSignIn.SignInPath}?returnUrl={Uri.EscapeDataString("/" + Nav.ToBaseRelativePath(Nav.Uri))}", forceLoad: true);
            return false;
        }
        finally
        {
            Busy = false;
        }
    }

    private readonly string _form = Guid.NewGuid().ToString("N")[..12];
    private int _writes;

    /// <summary>
    /// A write with a key of its own: one per write that went through, so a retry after a failure (or a double click)
    /// sends the same key and stores nothing twice. Says <paramref name="done"/> once it went through.
    /// </summary>
    protected async Task<bool> WriteAsync(Func<CallOptions, string, Task> write, string done)
    {
        Notice = null;
        if (!await TryAsync(async call =>
        {
            await write(call, $"portal-{_form}-{_writes}");
            _writes++;
        })) return false;
        Notice = done;
        return true;
    }

    /// <summary>The unit the page is about: the person's own, else the district's figures.</summary>
    protected async Task<string> UnitAsync(CallOptions call) =>
        Person?.Unit ?? (await Plans.UnitsAsync(call)).First(u => u.Kind == Contracts.Plans.V1.UnitKind.District).Code;

    protected async Task<int> YearAsync(int? asked, CallOptions call) => asked ?? await Plans.PlanYearAsync(Today, call);
}

using TuyPhuoc.Contracts.Plans.V1;

namespace TuyPhuoc.Portal.Features;

/// <summary>A unit as the planning office keeps it: where it hangs, from when, and until when (and into whom) it was closed.</summary>
public sealed record UnitLine(string Code, string Name, UnitKind Kind, SectorBlock Block, string ParentName, DateOnly? ValidFrom, DateOnly? ValidTo, string MergedIntoName)
{
    public bool Open(DateOnly today) => ValidTo is not { } to || to > today;
}

/// <summary>The district's units of the year: those of its first day and those of today, the district first, then offices, then communes and towns.</summary>
public sealed record UnitsView(DateOnly Today, IReadOnlyList<UnitLine> Units)
{
    public static UnitsView From(DateOnly today, IEnumerable<Unit> units)
    {
        var byCode = units.GroupBy(u => u.Code).ToDictionary(g => g.Key, g => g.Last());
        string NameOf(string code) => code.Length == 0 ? "" : byCode.GetValueOrDefault(code)?.Name ?? code;
        return new(today, [.. byCode.Values.OrderBy(u => u.Kind).ThenBy(u => u.Name, StringComparer.Create(VietNumber.Culture, ignoreCase: false))
            .Select(u => new UnitLine(u.Code, u.Name, u.Kind, u.Block, NameOf(u.ParentCode), u.ValidFrom.ToDate(""), u.ValidTo.ToDate(""), NameOf(u.MergedIntoCode)))]);
    }
}

/// <summary>A new unit as the planning office types it.</summary>
public sealed class NewUnit
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public UnitKind Kind { get; set; } = UnitKind.Commune;
    public string ParentCode { get; set; } = "";
    public SectorBlock Block { get; set; }
    public DateOnly? ValidFrom { get; set; }
}

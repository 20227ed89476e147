using Plans = TuyPhuoc.Contracts.Plans.V1;

namespace TuyPhuoc.PlanModel;

// The suite's words for indicators and units, numbered as the proto enums of tuyphuoc.plans.v1 (IndicatorPlans stores
// these numbers), so the mapping below is the only place that knows both.

/// <summary>How an indicator's monthly values add up: a flow summed over the year, or a level, rate or year-end figure.</summary>
public enum MeasureKind { Cumulative = 1, Level = 2, Growth = 3, YearEnd = 4 }

public enum UnitKind { District = 1, Office = 2, Commune = 3, Town = 4 }

public enum SectorBlock { Economy = 1, CultureSociety = 2, InternalAffairs = 3 }

public static class Vocabulary
{
    /// <summary>Unset is the plan's default, a cumulative indicator.</summary>
    public static MeasureKind ToDomain(this Plans.MeasureKind kind) =>
        Enum.IsDefined((MeasureKind)kind) ? (MeasureKind)kind : MeasureKind.Cumulative;

    public static Plans.MeasureKind ToProto(this MeasureKind kind) => (Plans.MeasureKind)kind;

    /// <summary>A flow: the year so far is the sum of the months, and so are the quarters' targets.</summary>
    public static bool IsSummed(this MeasureKind kind) => kind == MeasureKind.Cumulative;

    /// <summary>The name the Evaluation's statuses carry.</summary>
    public static string Name(this MeasureKind kind) => kind switch
    {
        MeasureKind.Cumulative => "cumulative",
        MeasureKind.Level => "level",
        MeasureKind.Growth => "growth",
        _ => "year_end",
    };

    /// <summary>Null when unset.</summary>
    public static UnitKind? ToDomain(this Plans.UnitKind kind) => Enum.IsDefined((UnitKind)kind) ? (UnitKind)kind : null;

    public static Plans.UnitKind ToProto(this UnitKind kind) => (Plans.UnitKind)kind;

    public static bool IsCommuneLevel(this UnitKind kind) => kind is UnitKind.Commune or UnitKind.Town;

    /// <summary>Null when unset (communes, towns and the district belong to no block).</summary>
    public static SectorBlock? ToDomain(this Plans.SectorBlock block) => Enum.IsDefined((SectorBlock)block) ? (SectorBlock)block : null;

    public static Plans.SectorBlock ToProto(this SectorBlock block) => (Plans.SectorBlock)block;

    public static Plans.SectorBlock ToProto(this SectorBlock? block) => (Plans.SectorBlock)(int)(block ?? 0);
}

/// <summary>The sector blocks by the names tokens, queries and the services' views carry.</summary>
public static class Blocks
{
    /// <summary>Communes and towns belong to no sector block; they are ranked among themselves under this name.</summary>
    public const string Communes = "communes";

    /// <summary>The three sector blocks' names, in the plan's order.</summary>
    public static readonly IReadOnlyList<string> Names = [Name(SectorBlock.Economy), Name(SectorBlock.CultureSociety), Name(SectorBlock.InternalAffairs)];

    /// <summary>The groups units are ranked in: the three blocks, then the communes.</summary>
    public static readonly IReadOnlyList<string> Ranked = [.. Names, Communes];

    public static string Name(SectorBlock block) => block switch
    {
        SectorBlock.Economy => "economy",
        SectorBlock.CultureSociety => "culture_society",
        SectorBlock.InternalAffairs => "internal_affairs",
        _ => throw new ArgumentOutOfRangeException(nameof(block), block, "Not a sector block."),
    };

    /// <summary>The block's name; empty for none.</summary>
    public static string Name(Plans.SectorBlock block) => block.ToDomain() is { } b ? Name(b) : "";

    /// <summary>The block's name, or null for a unit of no block.</summary>
    public static string? Of(Plans.Unit unit) => unit.Block.ToDomain() is { } b ? Name(b) : null;

    public static bool IsBlock(string name) => Names.Contains(name);

    /// <summary>What a refused block name is told.</summary>
    public static readonly string Expected = $"must be one of {string.Join(", ", Names)}";
}

namespace TuyPhuoc.ServiceDefaults.Tests;

/// <summary>The operations every service applies the access table with, for each kind of grant.</summary>
public sealed class CallerScopeTests
{
    private static readonly CallerScope Planning = new("tckh", Roles.PlanningOffice, null, null, Grant.All);
    private static readonly CallerScope Reporter = new("loc", Roles.UnitReporter, "PHUOC_LOC", null, Grant.OwnUnit);
    private static readonly CallerScope Leader = new("kt", Roles.BlockLeader, null, "economy", Grant.OwnBlock);
    private static readonly CallerScope Partner = new("dt", Roles.Partner, null, null, Grant.District);

    private static string? BlockOf(string unit) => unit == "NONG_NGHIEP" ? "economy" : unit == "Y_TE" ? "culture_society" : null;

    [Fact]
    public void SeesUnits_PlanningOffice_EveryUnit()
    {
        var sees = Planning.SeesUnits(BlockOf);

        Assert.True(sees("PHUOC_LOC"));
        Assert.True(sees("Y_TE"));
        Assert.Equal("all", Planning.View);
    }

    [Fact]
    public void SeesUnits_UnitReporter_ItsUnitOnly()
    {
        var sees = Reporter.SeesUnits(BlockOf);

        Assert.True(sees("PHUOC_LOC"));
        Assert.False(sees("NONG_NGHIEP"));
        Assert.Equal("unit-PHUOC_LOC", Reporter.View);
    }

    [Fact]
    public void SeesUnits_BlockLeader_TheUnitsOfItsBlock()
    {
        var sees = Leader.SeesUnits(BlockOf);

        Assert.True(sees("NONG_NGHIEP"));
        Assert.False(sees("Y_TE"));
        Assert.False(sees("PHUOC_LOC"));
        Assert.Equal("block-economy", Leader.View);
    }

    [Fact]
    public void SeesUnits_Partner_NoUnit()
    {
        Assert.False(Partner.SeesUnits(BlockOf)("PHUOC_LOC"));
        Assert.Equal("district", Partner.View);
    }

    [Fact]
    public void BlockLookup_NotABlockLeader_NeverAsked()
    {
        var asked = 0;
        string? Count(string unit) { asked++; return null; }

        Planning.SeesUnits(Count)("PHUOC_LOC");
        Reporter.SeesUnits(Count)("PHUOC_LOC");
        Partner.SeesUnits(Count)("PHUOC_LOC");

        Assert.Equal(0, asked);
    }

    [Fact]
    public void DemandUnit_EachGrant_RefusesWhatItDoesNotSee()
    {
        Planning.DemandUnit("Y_TE", "culture_society");
        Reporter.DemandUnit("PHUOC_LOC", null);
        Leader.DemandUnit("NONG_NGHIEP", "economy");

        Assert.Equal("A caller of PHUOC_LOC may not read or act for PHUOC_THANG.",
            Assert.Throws<PermissionDeniedException>(() => Reporter.DemandUnit("PHUOC_THANG", null)).Message);
        Assert.Equal("A leader of the economy block may not read Y_TE.",
            Assert.Throws<PermissionDeniedException>(() => Leader.DemandUnit("Y_TE", "culture_society")).Message);
        Assert.Equal($"The role {Roles.Partner} may not read PHUOC_LOC.",
            Assert.Throws<PermissionDeniedException>(() => Partner.DemandUnit("PHUOC_LOC", null)).Message);
    }

    [Fact]
    public void DemandBlock_BlockLeader_OnlyItsBlock()
    {
        Leader.DemandBlock("economy");

        Assert.Equal("A leader of the economy block does not see the culture_society block.",
            Assert.Throws<PermissionDeniedException>(() => Leader.DemandBlock("culture_society")).Message);
        Assert.Equal("refused", Assert.Throws<PermissionDeniedException>(() => Leader.DemandBlock("culture_society", "refused")).Message);
    }

    [Fact]
    public void DemandBlock_OtherGrants_AnyBlock()
    {
        Planning.DemandBlock("culture_society");
        Reporter.DemandBlock("culture_society");
        Partner.DemandBlock("culture_society");
    }

    [Fact]
    public void NarrowUnit_UnitReporter_ItsUnitWhateverItAsksOrARefusal()
    {
        Assert.Equal("PHUOC_LOC", Reporter.NarrowUnit(null));
        Assert.Equal("PHUOC_LOC", Reporter.NarrowUnit("PHUOC_LOC"));
        Assert.Equal("A caller of PHUOC_LOC may not read or act for PHUOC_THANG.",
            Assert.Throws<PermissionDeniedException>(() => Reporter.NarrowUnit("PHUOC_THANG")).Message);
        Assert.Equal("refused", Assert.Throws<PermissionDeniedException>(() => Reporter.NarrowUnit("PHUOC_THANG", "refused")).Message);
    }

    [Fact]
    public void NarrowUnit_OtherGrants_WhatTheyAsk()
    {
        Assert.Null(Planning.NarrowUnit(null));
        Assert.Equal("PHUOC_THANG", Planning.NarrowUnit("PHUOC_THANG"));
        Assert.Equal("PHUOC_THANG", Leader.NarrowUnit("PHUOC_THANG"));
        Assert.Null(Partner.NarrowUnit(null));
    }

    [Fact]
    public void NarrowBlock_BlockLeader_ItsBlockWhateverItAsksOrARefusal()
    {
        Assert.Equal("economy", Leader.NarrowBlock(null));
        Assert.Equal("economy", Leader.NarrowBlock("economy"));
        Assert.Equal("A leader of the economy block does not see the culture_society block.",
            Assert.Throws<PermissionDeniedException>(() => Leader.NarrowBlock("culture_society")).Message);
    }

    [Fact]
    public void NarrowBlock_OtherGrants_WhatTheyAsk()
    {
        Assert.Null(Planning.NarrowBlock(null));
        Assert.Equal("culture_society", Planning.NarrowBlock("culture_society"));
        Assert.Equal("culture_society", Reporter.NarrowBlock("culture_society"));
        Assert.Null(Partner.NarrowBlock(null));
    }
}

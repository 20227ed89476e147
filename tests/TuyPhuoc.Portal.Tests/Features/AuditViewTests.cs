using TuyPhuoc.Portal.Features;

namespace TuyPhuoc.Portal.Tests.Features;

public sealed class AuditViewTests
{
    [Fact]
    public void Diff_ARename_OnlyTheNameBeforeAndAfter()
    {
        var fields = AuditField.Diff("""{"code":"XA","name":"Xã A","Year":null}""", """{"code":"XA","name":"Xã A mới","Year":null}""");

        Assert.Equal([new AuditField("name", "Xã A", "Xã A mới")], fields);
    }

    [Fact]
    public void Diff_AFirstRecord_EveryFieldWithAValue_DatesAsTheyAreWritten()
    {
        var fields = AuditField.Diff("", """{"code":"XA","validFrom":{"year":2026,"month":12,"day":7},"Indicators":[],"note":""}""");

        Assert.Equal([new AuditField("code", null, "XA"), new AuditField("validFrom", null, "07/12/2026")], fields);
    }
}

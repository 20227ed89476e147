using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TuyPhuoc.Evaluation.Data.Migrations
{
    /// <summary>
    /// The monthly totals behind each summed or averaged district figure, kept up to date by the feed passes (plain
    /// SQL, outside the EF model). Empty at first: a pass builds a figure's row from the actuals when it has none.
    /// </summary>
    [DbContext(typeof(EvaluationDbContext))]
    [Migration("20261126071500_DistrictTotals")]
    public partial class DistrictTotals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE district_totals (
                    year integer NOT NULL,
                    indicator_code character varying(40) NOT NULL,
                    units_hash bytea NOT NULL,
                    sums numeric[] NOT NULL,
                    counts integer[] NOT NULL,
                    CONSTRAINT "PK_district_totals" PRIMARY KEY (year, indicator_code))
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE district_totals");
        }
    }
}

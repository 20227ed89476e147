using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TuyPhuoc.Evaluation.Data.Migrations
{
    /// <summary>
    /// Room on each page of results for a rewritten row next to the old one: the update is then a heap-only tuple
    /// (none of its indexed columns change), so rewriting a result does not touch its four indexes. Measured on
    /// 20,000 of 170,000 results: 0.79 s with full pages, 0.25 s with this room. Pages written before keep no room.
    /// </summary>
    [DbContext(typeof(EvaluationDbContext))]
    [Migration("20261126073500_ResultsRoomForUpdates")]
    public partial class ResultsRoomForUpdates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE results SET (fillfactor = 80)");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE results RESET (fillfactor)");
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TuyPhuoc.Evaluation.Data.Migrations
{
    /// <summary>
    /// The suite's one cursor table (ServiceDefaults' FeedCursor): the columns renamed, the cursors kept. district_totals
    /// joins the model as it already is (created by the DistrictTotals migration), so nothing is created here.
    /// </summary>
    public partial class SharedCursorsAndDistrictTotals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(name: "source", table: "feed_cursors", newName: "Feed");
            migrationBuilder.RenameColumn(name: "sequence", table: "feed_cursors", newName: "Sequence");
            migrationBuilder.RenameColumn(name: "updated_at", table: "feed_cursors", newName: "UpdatedAt");
            migrationBuilder.AlterColumn<string>(name: "Feed", table: "feed_cursors", type: "character varying(50)", maxLength: 50, nullable: false,
                oldClrType: typeof(string), oldType: "character varying(40)", oldMaxLength: 40);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(name: "Feed", table: "feed_cursors", type: "character varying(40)", maxLength: 40, nullable: false,
                oldClrType: typeof(string), oldType: "character varying(50)", oldMaxLength: 50);
            migrationBuilder.RenameColumn(name: "Feed", table: "feed_cursors", newName: "source");
            migrationBuilder.RenameColumn(name: "Sequence", table: "feed_cursors", newName: "sequence");
            migrationBuilder.RenameColumn(name: "UpdatedAt", table: "feed_cursors", newName: "updated_at");
        }
    }
}

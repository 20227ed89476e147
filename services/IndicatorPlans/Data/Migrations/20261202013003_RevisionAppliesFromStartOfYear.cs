using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TuyPhuoc.IndicatorPlans.Data.Migrations
{
    /// <inheritdoc />
    public partial class RevisionAppliesFromStartOfYear : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "AppliesFromStartOfYear",
                table: "plan_revisions",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AppliesFromStartOfYear",
                table: "plan_revisions");
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TuyPhuoc.IndicatorPlans.Data.Migrations
{
    /// <inheritdoc />
    public partial class IndicatorRetirement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "RetiredFromYear",
                table: "indicators",
                type: "integer",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RetiredFromYear",
                table: "indicators");
        }
    }
}

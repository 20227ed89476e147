using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TuyPhuoc.IndicatorPlans.Data.Migrations
{
    /// <inheritdoc />
    public partial class PlanBaselineAndAggregation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Aggregation",
                table: "plan_targets",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<double>(
                name: "Baseline",
                table: "plan_targets",
                type: "double precision",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Aggregation",
                table: "plan_targets");

            migrationBuilder.DropColumn(
                name: "Baseline",
                table: "plan_targets");
        }
    }
}

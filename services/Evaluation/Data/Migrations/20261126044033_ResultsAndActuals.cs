using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TuyPhuoc.Evaluation.Data.Migrations
{
    /// <inheritdoc />
    public partial class ResultsAndActuals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "actuals",
                columns: table => new
                {
                    year = table.Column<int>(type: "integer", nullable: false),
                    indicator_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    unit_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    month = table.Column<int>(type: "integer", nullable: false),
                    value = table.Column<decimal>(type: "numeric", nullable: false),
                    source_sequence = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_actuals", x => new { x.year, x.indicator_code, x.unit_code, x.month });
                });

            migrationBuilder.CreateTable(
                name: "feed_cursors",
                columns: table => new
                {
                    source = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    sequence = table.Column<long>(type: "bigint", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_feed_cursors", x => x.source);
                });

            migrationBuilder.CreateTable(
                name: "results",
                columns: table => new
                {
                    year = table.Column<int>(type: "integer", nullable: false),
                    indicator_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    unit_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    reporting_unit = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    district_figure = table.Column<bool>(type: "boolean", nullable: false),
                    source = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    block = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    snapshot = table.Column<byte[]>(type: "bytea", nullable: false),
                    hash = table.Column<byte[]>(type: "bytea", nullable: false),
                    computed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_results", x => new { x.year, x.indicator_code, x.unit_code });
                });

            migrationBuilder.CreateIndex(
                name: "IX_results_year_block",
                table: "results",
                columns: new[] { "year", "block" });

            migrationBuilder.CreateIndex(
                name: "IX_results_year_reporting_unit",
                table: "results",
                columns: new[] { "year", "reporting_unit" });

            migrationBuilder.CreateIndex(
                name: "IX_results_year_unit_code",
                table: "results",
                columns: new[] { "year", "unit_code" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "actuals");

            migrationBuilder.DropTable(
                name: "feed_cursors");

            migrationBuilder.DropTable(
                name: "results");
        }
    }
}

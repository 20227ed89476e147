using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace TuyPhuoc.Submissions.Data.Migrations
{
    /// <inheritdoc />
    public partial class ActualsReportsEscalations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "actual_revisions",
                columns: table => new
                {
                    UnitCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    IndicatorCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Month = table.Column<int>(type: "integer", nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false),
                    Value = table.Column<double>(type: "double precision", nullable: false),
                    Note = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Origin = table.Column<int>(type: "integer", nullable: false),
                    BatchId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_actual_revisions", x => new { x.UnitCode, x.Year, x.IndicatorCode, x.Month, x.Revision });
                });

            migrationBuilder.CreateTable(
                name: "deadlines",
                columns: table => new
                {
                    Year = table.Column<int>(type: "integer", nullable: false),
                    DayOfFollowingMonth = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_deadlines", x => x.Year);
                });

            migrationBuilder.CreateTable(
                name: "escalations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    IndicatorCodes = table.Column<string[]>(type: "text[]", nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    AssignedOfficeCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    DueDate = table.Column<DateOnly>(type: "date", nullable: true),
                    Answer = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    RaisedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_escalations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "reports",
                columns: table => new
                {
                    UnitCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Month = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    FirstSubmittedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    LastSubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReturnReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reports", x => new { x.UnitCode, x.Year, x.Month });
                });

            migrationBuilder.CreateTable(
                name: "escalation_steps",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    EscalationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    By = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_escalation_steps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_escalation_steps_escalations_EscalationId",
                        column: x => x.EscalationId,
                        principalTable: "escalations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "report_events",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    UnitCode = table.Column<string>(type: "character varying(40)", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Month = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    By = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_report_events", x => x.Id);
                    table.ForeignKey(
                        name: "FK_report_events_reports_UnitCode_Year_Month",
                        columns: x => new { x.UnitCode, x.Year, x.Month },
                        principalTable: "reports",
                        principalColumns: new[] { "UnitCode", "Year", "Month" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_escalation_steps_EscalationId",
                table: "escalation_steps",
                column: "EscalationId");

            migrationBuilder.CreateIndex(
                name: "IX_escalations_Year_Status",
                table: "escalations",
                columns: new[] { "Year", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_report_events_UnitCode_Year_Month",
                table: "report_events",
                columns: new[] { "UnitCode", "Year", "Month" });

            migrationBuilder.CreateIndex(
                name: "IX_reports_Year_Month_Status",
                table: "reports",
                columns: new[] { "Year", "Month", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "actual_revisions");

            migrationBuilder.DropTable(
                name: "deadlines");

            migrationBuilder.DropTable(
                name: "escalation_steps");

            migrationBuilder.DropTable(
                name: "report_events");

            migrationBuilder.DropTable(
                name: "escalations");

            migrationBuilder.DropTable(
                name: "reports");
        }
    }
}

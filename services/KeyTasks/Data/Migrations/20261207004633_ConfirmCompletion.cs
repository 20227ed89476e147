using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TuyPhuoc.KeyTasks.Data.Migrations
{
    /// <inheritdoc />
    public partial class ConfirmCompletion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ConfirmationReason",
                table: "progress_reports",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ConfirmedAt",
                table: "progress_reports",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ConfirmedBy",
                table: "progress_reports",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ConfirmedOn",
                table: "progress_reports",
                type: "date",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ConfirmationReason",
                table: "progress_reports");

            migrationBuilder.DropColumn(
                name: "ConfirmedAt",
                table: "progress_reports");

            migrationBuilder.DropColumn(
                name: "ConfirmedBy",
                table: "progress_reports");

            migrationBuilder.DropColumn(
                name: "ConfirmedOn",
                table: "progress_reports");
        }
    }
}

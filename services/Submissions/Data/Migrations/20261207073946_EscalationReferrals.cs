using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TuyPhuoc.Submissions.Data.Migrations
{
    /// <inheritdoc />
    public partial class EscalationReferrals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "AnswerDate",
                table: "escalations",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AnswerNumber",
                table: "escalations",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AnsweredAbove",
                table: "escalations",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ReferralDate",
                table: "escalations",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReferralNumber",
                table: "escalations",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReferredTo",
                table: "escalations",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AnswerDate",
                table: "escalations");

            migrationBuilder.DropColumn(
                name: "AnswerNumber",
                table: "escalations");

            migrationBuilder.DropColumn(
                name: "AnsweredAbove",
                table: "escalations");

            migrationBuilder.DropColumn(
                name: "ReferralDate",
                table: "escalations");

            migrationBuilder.DropColumn(
                name: "ReferralNumber",
                table: "escalations");

            migrationBuilder.DropColumn(
                name: "ReferredTo",
                table: "escalations");
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TuyPhuoc.Submissions.Data.Migrations
{
    /// <inheritdoc />
    public partial class ActualSolutions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Solutions",
                table: "actual_revisions",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: false,
                defaultValue: "");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Solutions",
                table: "actual_revisions");
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TuyPhuoc.KeyTasks.Data.Migrations
{
    /// <inheritdoc />
    public partial class ChangeLogBy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "By",
                table: "change_log",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "By",
                table: "change_log");
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace TuyPhuoc.Submissions.Data.Migrations
{
    /// <inheritdoc />
    public partial class SequencedChangeLog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_change_log",
                table: "change_log");

            migrationBuilder.Sql("ALTER TABLE change_log ALTER COLUMN \"Sequence\" DROP IDENTITY IF EXISTS, ALTER COLUMN \"Sequence\" DROP NOT NULL");

            // Existing entries keep their positions; the new identity numbers them for insertion order.
            migrationBuilder.Sql("ALTER TABLE change_log ADD \"Id\" bigint GENERATED ALWAYS AS IDENTITY");

            migrationBuilder.AddPrimaryKey(
                name: "PK_change_log",
                table: "change_log",
                column: "Id");

            migrationBuilder.CreateIndex(
                name: "IX_change_log_pending",
                table: "change_log",
                column: "Id",
                filter: "\"Sequence\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_change_log_Sequence",
                table: "change_log",
                column: "Sequence",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_change_log",
                table: "change_log");

            migrationBuilder.DropIndex(
                name: "IX_change_log_pending",
                table: "change_log");

            migrationBuilder.DropIndex(
                name: "IX_change_log_Sequence",
                table: "change_log");

            migrationBuilder.DropColumn(
                name: "Id",
                table: "change_log");

            migrationBuilder.AlterColumn<long>(
                name: "Sequence",
                table: "change_log",
                type: "bigint",
                nullable: false,
                defaultValue: 0L,
                oldClrType: typeof(long),
                oldType: "bigint",
                oldNullable: true)
                .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn);

            migrationBuilder.AddPrimaryKey(
                name: "PK_change_log",
                table: "change_log",
                column: "Sequence");
        }
    }
}

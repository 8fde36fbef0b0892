using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Qingshan.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Audit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_checkpoints",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    tree_size = table.Column<long>(type: "INTEGER", nullable: false),
                    root_hash = table.Column<byte[]>(type: "BLOB", nullable: false),
                    signed_at = table.Column<long>(type: "INTEGER", nullable: false),
                    note = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_checkpoints", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "audit_entries",
                columns: table => new
                {
                    seq = table.Column<long>(type: "INTEGER", nullable: false),
                    timestamp = table.Column<long>(type: "INTEGER", nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    region = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    event_type = table.Column<string>(type: "TEXT", maxLength: 96, nullable: false),
                    object_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    payload = table.Column<string>(type: "TEXT", nullable: false),
                    previous_hash = table.Column<byte[]>(type: "BLOB", nullable: false),
                    leaf_hash = table.Column<byte[]>(type: "BLOB", nullable: false),
                    outbox_id = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_entries", x => x.seq);
                });

            migrationBuilder.CreateTable(
                name: "audit_nodes",
                columns: table => new
                {
                    level = table.Column<int>(type: "INTEGER", nullable: false),
                    index = table.Column<long>(type: "INTEGER", nullable: false),
                    hash = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_nodes", x => new { x.level, x.index });
                });

            migrationBuilder.CreateIndex(
                name: "ix_audit_checkpoints_tree_size",
                table: "audit_checkpoints",
                column: "tree_size");

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_event_type_object_id",
                table: "audit_entries",
                columns: new[] { "event_type", "object_id" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_outbox_id",
                table: "audit_entries",
                column: "outbox_id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "audit_checkpoints");

            migrationBuilder.DropTable(
                name: "audit_entries");

            migrationBuilder.DropTable(
                name: "audit_nodes");
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Qingshan.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Ledger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ledger_accounts",
                columns: table => new
                {
                    code = table.Column<string>(type: "TEXT", maxLength: 96, nullable: false),
                    kind = table.Column<int>(type: "INTEGER", nullable: false),
                    region_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    deal_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    name = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    is_frozen = table.Column<bool>(type: "INTEGER", nullable: false),
                    balance_fen = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_accounts", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "ledger_journal_entries",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    business_key = table.Column<string>(type: "TEXT", maxLength: 160, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    region_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    deal_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    posted_at = table.Column<long>(type: "INTEGER", nullable: false),
                    posted_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_journal_entries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "ledger_postings",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    entry_id = table.Column<long>(type: "INTEGER", nullable: false),
                    account_code = table.Column<string>(type: "TEXT", maxLength: 96, nullable: false),
                    amount_fen = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_postings", x => x.id);
                    table.ForeignKey(
                        name: "fk_ledger_postings_ledger_accounts_account_code",
                        column: x => x.account_code,
                        principalTable: "ledger_accounts",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_ledger_postings_ledger_journal_entries_entry_id",
                        column: x => x.entry_id,
                        principalTable: "ledger_journal_entries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_ledger_accounts_deal_id",
                table: "ledger_accounts",
                column: "deal_id");

            migrationBuilder.CreateIndex(
                name: "ix_ledger_accounts_region_code",
                table: "ledger_accounts",
                column: "region_code");

            migrationBuilder.CreateIndex(
                name: "ix_ledger_journal_entries_business_key",
                table: "ledger_journal_entries",
                column: "business_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_ledger_journal_entries_deal_id",
                table: "ledger_journal_entries",
                column: "deal_id");

            migrationBuilder.CreateIndex(
                name: "ix_ledger_postings_account_code",
                table: "ledger_postings",
                column: "account_code");

            migrationBuilder.CreateIndex(
                name: "ix_ledger_postings_entry_id",
                table: "ledger_postings",
                column: "entry_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ledger_postings");

            migrationBuilder.DropTable(
                name: "ledger_accounts");

            migrationBuilder.DropTable(
                name: "ledger_journal_entries");
        }
    }
}

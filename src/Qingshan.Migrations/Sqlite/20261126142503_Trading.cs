using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Qingshan.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Trading : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "trading_bank_instructions",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    deal_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    bidder_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<int>(type: "INTEGER", nullable: false),
                    amount = table.Column<long>(type: "INTEGER", nullable: false),
                    account = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    reference = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_trading_bank_instructions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "trading_calendar_days",
                columns: table => new
                {
                    date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    kind = table.Column<int>(type: "INTEGER", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_trading_calendar_days", x => x.date);
                });

            migrationBuilder.CreateTable(
                name: "trading_calendar_years",
                columns: table => new
                {
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    notice = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    imported_at = table.Column<long>(type: "INTEGER", nullable: false),
                    imported_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_trading_calendar_years", x => x.year);
                });

            migrationBuilder.CreateTable(
                name: "trading_certificates",
                columns: table => new
                {
                    number = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    deal_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    region_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    content = table.Column<string>(type: "TEXT", nullable: false),
                    sm3_hex = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    signature_hex = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    public_key_hex = table.Column<string>(type: "TEXT", maxLength: 130, nullable: false),
                    issued_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_trading_certificates", x => x.number);
                });

            migrationBuilder.CreateTable(
                name: "trading_deals",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    region_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    product_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    plot_ids = table.Column<string>(type: "TEXT", nullable: false),
                    cultivating_investor_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    status = table.Column<int>(type: "INTEGER", nullable: false),
                    round = table.Column<int>(type: "INTEGER", nullable: false),
                    work_plan = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    work_plan_approval = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    accounted_value_yuan = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    accounting_report = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    transferor_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    appraised_value = table.Column<long>(type: "INTEGER", nullable: false),
                    appraisal_method = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    appraisal_report = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    promotion = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    accounting_fee = table.Column<long>(type: "INTEGER", nullable: false),
                    appraisal_fee = table.Column<long>(type: "INTEGER", nullable: false),
                    platform_fee_basis_points = table.Column<int>(type: "INTEGER", nullable: false),
                    listing_price = table.Column<long>(type: "INTEGER", nullable: false),
                    deposit_required = table.Column<long>(type: "INTEGER", nullable: false),
                    increment = table.Column<long>(type: "INTEGER", nullable: false),
                    free_period_minutes = table.Column<int>(type: "INTEGER", nullable: false),
                    limited_period_minutes = table.Column<int>(type: "INTEGER", nullable: false),
                    priority_window_minutes = table.Column<int>(type: "INTEGER", nullable: false),
                    result_publicity_working_days = table.Column<int>(type: "INTEGER", nullable: false),
                    listed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    publicity_ends_at = table.Column<long>(type: "INTEGER", nullable: true),
                    auction_starts_at = table.Column<long>(type: "INTEGER", nullable: true),
                    free_period_ends_at = table.Column<long>(type: "INTEGER", nullable: true),
                    auction_ends_at = table.Column<long>(type: "INTEGER", nullable: true),
                    highest_bidder_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    highest_amount = table.Column<long>(type: "INTEGER", nullable: false),
                    bid_sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    priority_window_ends_at = table.Column<long>(type: "INTEGER", nullable: true),
                    winner_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    final_price = table.Column<long>(type: "INTEGER", nullable: false),
                    won_by_priority_right = table.Column<bool>(type: "INTEGER", nullable: false),
                    result_publicity_ends_at = table.Column<long>(type: "INTEGER", nullable: true),
                    contract_number = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    contract_term_years = table.Column<int>(type: "INTEGER", nullable: false),
                    protection_duties = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    default_clauses = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    contract_signed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    filed_with_water_at = table.Column<long>(type: "INTEGER", nullable: true),
                    filed_with_development_reform_at = table.Column<long>(type: "INTEGER", nullable: true),
                    filed_with_finance_at = table.Column<long>(type: "INTEGER", nullable: true),
                    certificate_number = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    suspended_from = table.Column<int>(type: "INTEGER", nullable: true),
                    suspension_reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    cancellation_reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    due_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_trading_deals", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "trading_bidders",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    deal_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    holder_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    is_priority_holder = table.Column<bool>(type: "INTEGER", nullable: false),
                    registered_at = table.Column<long>(type: "INTEGER", nullable: false),
                    qualification = table.Column<int>(type: "INTEGER", nullable: false),
                    review_note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    deposit_status = table.Column<int>(type: "INTEGER", nullable: false),
                    deposit_amount = table.Column<long>(type: "INTEGER", nullable: false),
                    deposit_account = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    deposit_paid_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_trading_bidders", x => x.id);
                    table.ForeignKey(
                        name: "fk_trading_bidders_trading_deals_deal_id",
                        column: x => x.deal_id,
                        principalTable: "trading_deals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "trading_deal_history",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    deal_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    action = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    from = table.Column<int>(type: "INTEGER", nullable: false),
                    to = table.Column<int>(type: "INTEGER", nullable: false),
                    actor_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    actor_name = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_trading_deal_history", x => x.id);
                    table.ForeignKey(
                        name: "fk_trading_deal_history_trading_deals_deal_id",
                        column: x => x.deal_id,
                        principalTable: "trading_deals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "trading_distribution_shares",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    party = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    basis_points = table.Column<int>(type: "INTEGER", nullable: false),
                    deal_id = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_trading_distribution_shares", x => x.id);
                    table.ForeignKey(
                        name: "fk_trading_distribution_shares_trading_deals_deal_id",
                        column: x => x.deal_id,
                        principalTable: "trading_deals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "trading_instalments",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    due_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    amount = table.Column<long>(type: "INTEGER", nullable: false),
                    deal_id = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_trading_instalments", x => x.id);
                    table.ForeignKey(
                        name: "fk_trading_instalments_trading_deals_deal_id",
                        column: x => x.deal_id,
                        principalTable: "trading_deals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "trading_objections",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    deal_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    raised_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    raised_at = table.Column<long>(type: "INTEGER", nullable: false),
                    upheld = table.Column<bool>(type: "INTEGER", nullable: true),
                    resolution = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    resolved_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_trading_objections", x => x.id);
                    table.ForeignKey(
                        name: "fk_trading_objections_trading_deals_deal_id",
                        column: x => x.deal_id,
                        principalTable: "trading_deals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "trading_bids",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    deal_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    bidder_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    client_request_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    amount = table.Column<long>(type: "INTEGER", nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    round = table.Column<int>(type: "INTEGER", nullable: false),
                    refusal_code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    refusal_args = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    sequence = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_trading_bids", x => x.id);
                    table.ForeignKey(
                        name: "fk_trading_bids_trading_bidders_bidder_id",
                        column: x => x.bidder_id,
                        principalTable: "trading_bidders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_trading_bids_trading_deals_deal_id",
                        column: x => x.deal_id,
                        principalTable: "trading_deals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_trading_bank_instructions_deal_id_bidder_id",
                table: "trading_bank_instructions",
                columns: new[] { "deal_id", "bidder_id" });

            migrationBuilder.CreateIndex(
                name: "ix_trading_bank_instructions_reference",
                table: "trading_bank_instructions",
                column: "reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_trading_bidders_deal_id_holder_id",
                table: "trading_bidders",
                columns: new[] { "deal_id", "holder_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_trading_bids_bidder_id",
                table: "trading_bids",
                column: "bidder_id");

            migrationBuilder.CreateIndex(
                name: "ix_trading_bids_deal_id_bidder_id_client_request_id",
                table: "trading_bids",
                columns: new[] { "deal_id", "bidder_id", "client_request_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_trading_bids_deal_id_sequence",
                table: "trading_bids",
                columns: new[] { "deal_id", "sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_trading_calendar_days_year",
                table: "trading_calendar_days",
                column: "year");

            migrationBuilder.CreateIndex(
                name: "ix_trading_certificates_deal_id",
                table: "trading_certificates",
                column: "deal_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_trading_deal_history_deal_id",
                table: "trading_deal_history",
                column: "deal_id");

            migrationBuilder.CreateIndex(
                name: "ix_trading_deals_code",
                table: "trading_deals",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_trading_deals_due_at",
                table: "trading_deals",
                column: "due_at");

            migrationBuilder.CreateIndex(
                name: "ix_trading_deals_region_code",
                table: "trading_deals",
                column: "region_code");

            migrationBuilder.CreateIndex(
                name: "ix_trading_distribution_shares_deal_id",
                table: "trading_distribution_shares",
                column: "deal_id");

            migrationBuilder.CreateIndex(
                name: "ix_trading_instalments_deal_id",
                table: "trading_instalments",
                column: "deal_id");

            migrationBuilder.CreateIndex(
                name: "ix_trading_objections_deal_id",
                table: "trading_objections",
                column: "deal_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "trading_bank_instructions");

            migrationBuilder.DropTable(
                name: "trading_bids");

            migrationBuilder.DropTable(
                name: "trading_calendar_days");

            migrationBuilder.DropTable(
                name: "trading_calendar_years");

            migrationBuilder.DropTable(
                name: "trading_certificates");

            migrationBuilder.DropTable(
                name: "trading_deal_history");

            migrationBuilder.DropTable(
                name: "trading_distribution_shares");

            migrationBuilder.DropTable(
                name: "trading_instalments");

            migrationBuilder.DropTable(
                name: "trading_objections");

            migrationBuilder.DropTable(
                name: "trading_bidders");

            migrationBuilder.DropTable(
                name: "trading_deals");
        }
    }
}

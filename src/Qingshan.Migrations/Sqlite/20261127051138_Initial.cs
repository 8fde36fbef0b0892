using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Qingshan.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "access_roles",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    normalized_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    concurrency_stamp = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_access_roles", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "access_sign_ins",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    user_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    user_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ip_address = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    user_agent = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    result = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_access_sign_ins", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "access_users",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", nullable: false),
                    display_name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    region_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: true),
                    organisation = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    is_enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    must_change_password = table.Column<bool>(type: "INTEGER", nullable: false),
                    password_changed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    last_sign_in_at = table.Column<long>(type: "INTEGER", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    user_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    normalized_user_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    normalized_email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    email_confirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    password_hash = table.Column<string>(type: "TEXT", nullable: true),
                    security_stamp = table.Column<string>(type: "TEXT", nullable: true),
                    concurrency_stamp = table.Column<string>(type: "TEXT", nullable: true),
                    phone_number = table.Column<string>(type: "TEXT", nullable: true),
                    phone_number_confirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    two_factor_enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    lockout_end = table.Column<long>(type: "INTEGER", nullable: true),
                    lockout_enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    access_failed_count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_access_users", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "accounting_parameter_sets",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    region_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    based_on_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    based_on_version = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    parameters_json = table.Column<string>(type: "TEXT", nullable: false),
                    content_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    parameter_count = table.Column<int>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    is_used = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_by_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    approved_by_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    approved_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    approved_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_accounting_parameter_sets", x => x.id);
                    table.ForeignKey(
                        name: "fk_accounting_parameter_sets_accounting_parameter_sets_based_on_id",
                        column: x => x.based_on_id,
                        principalTable: "accounting_parameter_sets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

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

            migrationBuilder.CreateTable(
                name: "distribution_reinvestment_plans",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    deal_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    deal_code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    region_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    contract_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    due_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    status = table.Column<int>(type: "INTEGER", nullable: false),
                    measures = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    submitted_at = table.Column<long>(type: "INTEGER", nullable: true),
                    submitted_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    development_reform_approved_at = table.Column<long>(type: "INTEGER", nullable: true),
                    development_reform_approved_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    water_approved_at = table.Column<long>(type: "INTEGER", nullable: true),
                    water_approved_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    reminder_sent_at = table.Column<long>(type: "INTEGER", nullable: true),
                    escalated_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_distribution_reinvestment_plans", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "distribution_spendings",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    plan_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    deal_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    region_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    fund = table.Column<int>(type: "INTEGER", nullable: false),
                    measure = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    location = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    amount_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    spent_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    attachment_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    attachment = table.Column<byte[]>(type: "BLOB", nullable: false),
                    attachment_sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    recorded_at = table.Column<long>(type: "INTEGER", nullable: false),
                    ledger_entry_id = table.Column<long>(type: "INTEGER", nullable: true),
                    refused_code = table.Column<string>(type: "TEXT", nullable: true),
                    refused_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_distribution_spendings", x => x.id);
                });

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
                name: "ledger_consumed_events",
                columns: table => new
                {
                    outbox_id = table.Column<long>(type: "INTEGER", nullable: false),
                    event_type = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    consumed_at = table.Column<long>(type: "INTEGER", nullable: false),
                    entries = table.Column<int>(type: "INTEGER", nullable: false),
                    error_code = table.Column<string>(type: "TEXT", maxLength: 96, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_consumed_events", x => x.outbox_id);
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
                name: "outbox_messages",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    occurred_at = table.Column<long>(type: "INTEGER", nullable: false),
                    module = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    event_type = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    object_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    region_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: true),
                    actor_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    actor_name = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    ip_address = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    payload = table.Column<string>(type: "TEXT", nullable: false),
                    dispatched_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outbox_messages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "registry_catalog_versions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    region_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    first_year = table.Column<int>(type: "INTEGER", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    adjusted_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    adjusted_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_registry_catalog_versions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "registry_regions",
                columns: table => new
                {
                    code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    level = table.Column<int>(type: "INTEGER", nullable: false),
                    parent_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: true),
                    is_active = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_registry_regions", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "registry_rights_holders",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<int>(type: "INTEGER", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    region_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    credit_code = table.Column<string>(type: "TEXT", maxLength: 18, nullable: true),
                    id_number = table.Column<string>(type: "TEXT", maxLength: 18, nullable: true),
                    phone = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    contact_name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    is_cultivating_investor = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_registry_rights_holders", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "registry_watersheds",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    region_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    area_square_kilometres = table.Column<decimal>(type: "TEXT", precision: 12, scale: 4, nullable: false),
                    treatment_start_year = table.Column<int>(type: "INTEGER", nullable: false),
                    treatment_end_year = table.Column<int>(type: "INTEGER", nullable: false),
                    status = table.Column<int>(type: "INTEGER", nullable: false),
                    boundary = table.Column<byte[]>(type: "BLOB", nullable: true),
                    description = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_registry_watersheds", x => x.id);
                });

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
                    accounting_run_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    accounted_value_yuan = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    accounting_report = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    transferor_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    appraised_value = table.Column<long>(type: "INTEGER", nullable: false),
                    appraisal_method = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    appraisal_report = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    appraisal_json = table.Column<string>(type: "TEXT", nullable: true),
                    appraised_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    appraised_at = table.Column<long>(type: "INTEGER", nullable: true),
                    cost_floor = table.Column<long>(type: "INTEGER", nullable: false),
                    reserve_price = table.Column<long>(type: "INTEGER", nullable: false),
                    reserve_price_reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
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
                    version = table.Column<long>(type: "INTEGER", nullable: false),
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
                name: "access_role_claims",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    role_id = table.Column<string>(type: "TEXT", nullable: false),
                    claim_type = table.Column<string>(type: "TEXT", nullable: true),
                    claim_value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_access_role_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_access_role_claims_access_roles_role_id",
                        column: x => x.role_id,
                        principalTable: "access_roles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "access_user_claims",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    user_id = table.Column<string>(type: "TEXT", nullable: false),
                    claim_type = table.Column<string>(type: "TEXT", nullable: true),
                    claim_value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_access_user_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_access_user_claims_access_users_user_id",
                        column: x => x.user_id,
                        principalTable: "access_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "access_user_logins",
                columns: table => new
                {
                    login_provider = table.Column<string>(type: "TEXT", nullable: false),
                    provider_key = table.Column<string>(type: "TEXT", nullable: false),
                    provider_display_name = table.Column<string>(type: "TEXT", nullable: true),
                    user_id = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_access_user_logins", x => new { x.login_provider, x.provider_key });
                    table.ForeignKey(
                        name: "fk_access_user_logins_access_users_user_id",
                        column: x => x.user_id,
                        principalTable: "access_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "access_user_roles",
                columns: table => new
                {
                    user_id = table.Column<string>(type: "TEXT", nullable: false),
                    role_id = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_access_user_roles", x => new { x.user_id, x.role_id });
                    table.ForeignKey(
                        name: "fk_access_user_roles_access_roles_role_id",
                        column: x => x.role_id,
                        principalTable: "access_roles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_access_user_roles_access_users_user_id",
                        column: x => x.user_id,
                        principalTable: "access_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "access_user_tokens",
                columns: table => new
                {
                    user_id = table.Column<string>(type: "TEXT", nullable: false),
                    login_provider = table.Column<string>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", nullable: false),
                    value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_access_user_tokens", x => new { x.user_id, x.login_provider, x.name });
                    table.ForeignKey(
                        name: "fk_access_user_tokens_access_users_user_id",
                        column: x => x.user_id,
                        principalTable: "access_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "accounting_runs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    watershed_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    watershed_code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    watershed_name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    region_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    accounting_year = table.Column<int>(type: "INTEGER", nullable: false),
                    method_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    parameter_set_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    parameter_set_version = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    progress_percent = table.Column<int>(type: "INTEGER", nullable: false),
                    inputs_json = table.Column<string>(type: "TEXT", nullable: false),
                    plot_set_version = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    input_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    result_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    plot_count = table.Column<int>(type: "INTEGER", nullable: false),
                    line_count = table.Column<int>(type: "INTEGER", nullable: false),
                    material_supply_yuan = table.Column<decimal>(type: "TEXT", nullable: false),
                    regulating_yuan = table.Column<decimal>(type: "TEXT", nullable: false),
                    cultural_yuan = table.Column<decimal>(type: "TEXT", nullable: false),
                    total_yuan = table.Column<decimal>(type: "TEXT", nullable: false),
                    issues_json = table.Column<string>(type: "TEXT", nullable: false),
                    checks_json = table.Column<string>(type: "TEXT", nullable: false),
                    prepared_by_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    prepared_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    prepared_at = table.Column<long>(type: "INTEGER", nullable: false),
                    computed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    submitted_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    submitted_at = table.Column<long>(type: "INTEGER", nullable: true),
                    reviewed_by_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    reviewed_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    reviewed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    approved_by_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    approved_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    approved_at = table.Column<long>(type: "INTEGER", nullable: true),
                    rejection_comment = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    rejected_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_accounting_runs", x => x.id);
                    table.ForeignKey(
                        name: "fk_accounting_runs_accounting_parameter_sets_parameter_set_id",
                        column: x => x.parameter_set_id,
                        principalTable: "accounting_parameter_sets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
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

            migrationBuilder.CreateTable(
                name: "registry_catalog_items",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    catalog_version_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    product_name = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    product_type = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    watershed_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    planned_year = table.Column<int>(type: "INTEGER", nullable: false),
                    notes = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_registry_catalog_items", x => x.id);
                    table.ForeignKey(
                        name: "fk_registry_catalog_items_registry_catalog_versions_catalog_version_id",
                        column: x => x.catalog_version_id,
                        principalTable: "registry_catalog_versions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "registry_plots",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    watershed_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    region_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    land_use_code = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    geometry = table.Column<byte[]>(type: "BLOB", nullable: false),
                    area_square_metres = table.Column<double>(type: "REAL", nullable: false),
                    min_x = table.Column<double>(type: "REAL", nullable: false),
                    min_y = table.Column<double>(type: "REAL", nullable: false),
                    max_x = table.Column<double>(type: "REAL", nullable: false),
                    max_y = table.Column<double>(type: "REAL", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_registry_plots", x => x.id);
                    table.ForeignKey(
                        name: "fk_registry_plots_registry_watersheds_watershed_id",
                        column: x => x.watershed_id,
                        principalTable: "registry_watersheds",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
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
                    kind = table.Column<int>(type: "INTEGER", nullable: false),
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
                name: "accounting_run_lines",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    run_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ordinal = table.Column<int>(type: "INTEGER", nullable: false),
                    plot_code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    land_use_code = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    indicator_code = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    category = table.Column<int>(type: "INTEGER", nullable: false),
                    indicator_quantity = table.Column<decimal>(type: "TEXT", nullable: true),
                    indicator_unit = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    component = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    quantity = table.Column<decimal>(type: "TEXT", nullable: false),
                    unit = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    unit_price = table.Column<decimal>(type: "TEXT", nullable: false),
                    price_unit = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    price_year = table.Column<int>(type: "INTEGER", nullable: false),
                    parameter_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    evidence = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    value = table.Column<decimal>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_accounting_run_lines", x => x.id);
                    table.ForeignKey(
                        name: "fk_accounting_run_lines_accounting_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "accounting_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "registry_disputes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    plot_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    region_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    raised_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    raised_at = table.Column<long>(type: "INTEGER", nullable: false),
                    resolved_at = table.Column<long>(type: "INTEGER", nullable: true),
                    resolution = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    resolved_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_registry_disputes", x => x.id);
                    table.ForeignKey(
                        name: "fk_registry_disputes_registry_plots_plot_id",
                        column: x => x.plot_id,
                        principalTable: "registry_plots",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "registry_pledges",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    plot_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    region_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    pledgee = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    amount_fen = table.Column<long>(type: "INTEGER", nullable: false),
                    blocks_trading = table.Column<bool>(type: "INTEGER", nullable: false),
                    start = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    end = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    recorded_at = table.Column<long>(type: "INTEGER", nullable: false),
                    released_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_registry_pledges", x => x.id);
                    table.ForeignKey(
                        name: "fk_registry_pledges_registry_plots_plot_id",
                        column: x => x.plot_id,
                        principalTable: "registry_plots",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "registry_rights",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    plot_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    region_code = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    holder_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<int>(type: "INTEGER", nullable: false),
                    term_start = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    term_end = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    certificate_number = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    confirmed_at = table.Column<long>(type: "INTEGER", nullable: false),
                    confirmed_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_registry_rights", x => x.id);
                    table.ForeignKey(
                        name: "fk_registry_rights_registry_plots_plot_id",
                        column: x => x.plot_id,
                        principalTable: "registry_plots",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_registry_rights_registry_rights_holders_holder_id",
                        column: x => x.holder_id,
                        principalTable: "registry_rights_holders",
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
                name: "ix_access_role_claims_role_id",
                table: "access_role_claims",
                column: "role_id");

            migrationBuilder.CreateIndex(
                name: "role_name_index",
                table: "access_roles",
                column: "normalized_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_access_sign_ins_at",
                table: "access_sign_ins",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_access_user_claims_user_id",
                table: "access_user_claims",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_access_user_logins_user_id",
                table: "access_user_logins",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_access_user_roles_role_id",
                table: "access_user_roles",
                column: "role_id");

            migrationBuilder.CreateIndex(
                name: "email_index",
                table: "access_users",
                column: "normalized_email");

            migrationBuilder.CreateIndex(
                name: "user_name_index",
                table: "access_users",
                column: "normalized_user_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_accounting_parameter_sets_based_on_id",
                table: "accounting_parameter_sets",
                column: "based_on_id");

            migrationBuilder.CreateIndex(
                name: "ix_accounting_parameter_sets_region_code",
                table: "accounting_parameter_sets",
                column: "region_code");

            migrationBuilder.CreateIndex(
                name: "ix_accounting_parameter_sets_version",
                table: "accounting_parameter_sets",
                column: "version",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_accounting_run_lines_run_id_ordinal",
                table: "accounting_run_lines",
                columns: new[] { "run_id", "ordinal" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_accounting_runs_parameter_set_id",
                table: "accounting_runs",
                column: "parameter_set_id");

            migrationBuilder.CreateIndex(
                name: "ix_accounting_runs_region_code",
                table: "accounting_runs",
                column: "region_code");

            migrationBuilder.CreateIndex(
                name: "ix_accounting_runs_status",
                table: "accounting_runs",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "ix_accounting_runs_watershed_id",
                table: "accounting_runs",
                column: "watershed_id");

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

            migrationBuilder.CreateIndex(
                name: "ix_distribution_reinvestment_plans_deal_id",
                table: "distribution_reinvestment_plans",
                column: "deal_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_distribution_spendings_plan_id",
                table: "distribution_spendings",
                column: "plan_id");

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

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_dispatched_at",
                table: "outbox_messages",
                column: "dispatched_at");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_module_object_id",
                table: "outbox_messages",
                columns: new[] { "module", "object_id" });

            migrationBuilder.CreateIndex(
                name: "ix_registry_catalog_items_catalog_version_id",
                table: "registry_catalog_items",
                column: "catalog_version_id");

            migrationBuilder.CreateIndex(
                name: "ix_registry_catalog_versions_region_code_version",
                table: "registry_catalog_versions",
                columns: new[] { "region_code", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_registry_disputes_plot_id",
                table: "registry_disputes",
                column: "plot_id");

            migrationBuilder.CreateIndex(
                name: "ix_registry_pledges_plot_id",
                table: "registry_pledges",
                column: "plot_id");

            migrationBuilder.CreateIndex(
                name: "ix_registry_plots_code",
                table: "registry_plots",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_registry_plots_min_x_min_y_max_x_max_y",
                table: "registry_plots",
                columns: new[] { "min_x", "min_y", "max_x", "max_y" });

            migrationBuilder.CreateIndex(
                name: "ix_registry_plots_region_code",
                table: "registry_plots",
                column: "region_code");

            migrationBuilder.CreateIndex(
                name: "ix_registry_plots_watershed_id",
                table: "registry_plots",
                column: "watershed_id");

            migrationBuilder.CreateIndex(
                name: "ix_registry_regions_parent_code",
                table: "registry_regions",
                column: "parent_code");

            migrationBuilder.CreateIndex(
                name: "ix_registry_rights_holder_id",
                table: "registry_rights",
                column: "holder_id");

            migrationBuilder.CreateIndex(
                name: "ix_registry_rights_plot_id_kind",
                table: "registry_rights",
                columns: new[] { "plot_id", "kind" });

            migrationBuilder.CreateIndex(
                name: "ix_registry_rights_holders_credit_code",
                table: "registry_rights_holders",
                column: "credit_code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_registry_rights_holders_id_number",
                table: "registry_rights_holders",
                column: "id_number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_registry_rights_holders_region_code",
                table: "registry_rights_holders",
                column: "region_code");

            migrationBuilder.CreateIndex(
                name: "ix_registry_watersheds_code",
                table: "registry_watersheds",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_registry_watersheds_region_code",
                table: "registry_watersheds",
                column: "region_code");

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
                name: "ix_trading_bids_bidder_id_client_request_id",
                table: "trading_bids",
                columns: new[] { "bidder_id", "client_request_id" },
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
                name: "access_role_claims");

            migrationBuilder.DropTable(
                name: "access_sign_ins");

            migrationBuilder.DropTable(
                name: "access_user_claims");

            migrationBuilder.DropTable(
                name: "access_user_logins");

            migrationBuilder.DropTable(
                name: "access_user_roles");

            migrationBuilder.DropTable(
                name: "access_user_tokens");

            migrationBuilder.DropTable(
                name: "accounting_run_lines");

            migrationBuilder.DropTable(
                name: "audit_checkpoints");

            migrationBuilder.DropTable(
                name: "audit_entries");

            migrationBuilder.DropTable(
                name: "audit_nodes");

            migrationBuilder.DropTable(
                name: "distribution_reinvestment_plans");

            migrationBuilder.DropTable(
                name: "distribution_spendings");

            migrationBuilder.DropTable(
                name: "ledger_consumed_events");

            migrationBuilder.DropTable(
                name: "ledger_postings");

            migrationBuilder.DropTable(
                name: "outbox_messages");

            migrationBuilder.DropTable(
                name: "registry_catalog_items");

            migrationBuilder.DropTable(
                name: "registry_disputes");

            migrationBuilder.DropTable(
                name: "registry_pledges");

            migrationBuilder.DropTable(
                name: "registry_regions");

            migrationBuilder.DropTable(
                name: "registry_rights");

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
                name: "access_roles");

            migrationBuilder.DropTable(
                name: "access_users");

            migrationBuilder.DropTable(
                name: "accounting_runs");

            migrationBuilder.DropTable(
                name: "ledger_accounts");

            migrationBuilder.DropTable(
                name: "ledger_journal_entries");

            migrationBuilder.DropTable(
                name: "registry_catalog_versions");

            migrationBuilder.DropTable(
                name: "registry_plots");

            migrationBuilder.DropTable(
                name: "registry_rights_holders");

            migrationBuilder.DropTable(
                name: "trading_bidders");

            migrationBuilder.DropTable(
                name: "accounting_parameter_sets");

            migrationBuilder.DropTable(
                name: "registry_watersheds");

            migrationBuilder.DropTable(
                name: "trading_deals");
        }
    }
}

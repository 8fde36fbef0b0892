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
                name: "access_roles");

            migrationBuilder.DropTable(
                name: "access_users");

            migrationBuilder.DropTable(
                name: "registry_catalog_versions");

            migrationBuilder.DropTable(
                name: "registry_plots");

            migrationBuilder.DropTable(
                name: "registry_rights_holders");

            migrationBuilder.DropTable(
                name: "registry_watersheds");
        }
    }
}

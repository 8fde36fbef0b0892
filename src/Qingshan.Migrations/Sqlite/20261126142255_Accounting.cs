using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Qingshan.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Accounting : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "accounting_run_lines");

            migrationBuilder.DropTable(
                name: "accounting_runs");

            migrationBuilder.DropTable(
                name: "accounting_parameter_sets");
        }
    }
}

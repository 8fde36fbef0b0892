#!/usr/bin/env bash
# Audit writer bench (the writer alone): ENTRIES real ledger outbox rows appended to the tamper-evident log in ROUNDS
# dispatches. Prints entries/s, wall and CPU time per entry (and PostgreSQL backend CPU per entry).
# Usage: bash bench/audit.sh [ENTRIES=20000] [sqlite|postgres|both] [ROUNDS=10]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
N=${1:-20000}; WHICH=${2:-both}; R=${3:-10}
PGHOST=${PGHOST:-127.0.0.1}; PGPORT=${PGPORT:-55433}; PGUSER=${PGUSER:-postgres}; export PGPASSWORD=${PGPASSWORD:-postgres}
export PGHOST PGPORT PGUSER
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
dotnet build -c Release -v q --nologo "$ROOT/bench/Qingshan.AuditBench/Qingshan.AuditBench.csproj" >/dev/null
BENCH="$ROOT/bench/Qingshan.AuditBench/bin/Release/net10.0/Qingshan.AuditBench.dll"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) (2 vCPUs shared with other work)"
if [ "$WHICH" != postgres ]; then
  F=/tmp/qingshan-audit-bench-$$.db
  rm -f "$F" "$F-wal" "$F-shm"
  timeout 600 dotnet "$BENCH" --provider sqlite --connection "Data Source=$F" --entries "$N" --rounds "$R" | grep -v '^RESULT'
  rm -f "$F" "$F-wal" "$F-shm"
fi
if [ "$WHICH" != sqlite ]; then
  D=qs_bench_audit_$$
  trap '$PGBIN/dropdb --if-exists -f "$D" 2>/dev/null || true' EXIT
  $PGBIN/createdb "$D"
  timeout 600 dotnet "$BENCH" --provider postgres --connection "Host=$PGHOST;Port=$PGPORT;Username=$PGUSER;Password=$PGPASSWORD;Database=$D" --database "$D" --entries "$N" --rounds "$R" | grep -v '^RESULT'
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

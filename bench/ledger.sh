#!/usr/bin/env bash
# Ledger posting bench against the TPC-B anchor, same script, same session (PERF-BASELINES §4, §6).
#   SQLite:     anchor = sqlite-tpcb-cs (Microsoft.Data.Sqlite, WAL, synchronous=FULL, one writer, scale 10);
#               ours   = Qingshan.LedgerBench on a fresh platform database (WAL, synchronous=FULL, one writer).
#   PostgreSQL: anchor = pgbench tpcb-like, scale 10, 2 clients, in a throw-away database on the server given by
#               PG (default the dev cluster 127.0.0.1:55433), and again with CLIENTS clients; ours = Qingshan.LedgerBench, in another
#               throw-away database on the same server. Both databases are dropped at the end.
# One posting = one balanced entry (debit a random deal account, credit the county bank clearing) through
# PostEntryHandler → LedgerUnit: ledger lock, idempotency lookup, frozen/overdraft checks, postings, balances,
# the audit outbox row and the conservation check, one commit.
# Runs are short (SECONDS each, default 15): the machine is shared; say so next to any number.
# Ledger postings come from CLIENTS concurrent callers (default 32; a web app and the outbox consumer post
# concurrently) and go through the ledger's group commit: whatever is waiting is written as one ledger transaction.
# The anchors are what they are: sqlite-tpcb-cs one transaction per commit (SQLite admits one writer), pgbench with
# 2 clients and with CLIENTS clients; the ratio is taken against the higher pgbench figure.
# The audit writer runs during the ledger run (once a second, like the app's dispatcher); its share is printed
# (AUDIT=off leaves it out, to see what it costs; AUDIT_BATCH=N sets the audit writer's rows per transaction).
# Usage: bash bench/ledger.sh [SECONDS=15] [sqlite|postgres|both] [CLIENTS=32]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
T=${1:-15}; WHICH=${2:-both}; C=${3:-32}
SHARED="$ROOT/../shared/bench"; [ -d "$SHARED/sqlite-tpcb-cs" ] || SHARED=/work/shared/bench
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
PGHOST=${PGHOST:-127.0.0.1}; PGPORT=${PGPORT:-55433}; PGUSER=${PGUSER:-postgres}; export PGPASSWORD=${PGPASSWORD:-postgres}
export PGHOST PGPORT PGUSER
dotnet build -c Release -v q --nologo "$ROOT/bench/Qingshan.LedgerBench/Qingshan.LedgerBench.csproj" >/dev/null
BENCH="$ROOT/bench/Qingshan.LedgerBench/bin/Release/net10.0/Qingshan.LedgerBench.dll"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f %%", 100 * a / b }'; }
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) (2 vCPUs shared with other work)"

if [ "$WHICH" != postgres ]; then
  dotnet build "$SHARED/sqlite-tpcb-cs/SqliteTpcb.csproj" -c Release --artifacts-path /tmp/qingshan-tpcb-cs -v q -nologo >/dev/null
  echo "== SQLite anchor (sqlite-tpcb-cs, FULL, 1 writer, ${T}s)"
  line=$(timeout $((T + 120)) dotnet /tmp/qingshan-tpcb-cs/bin/SqliteTpcb/release/SqliteTpcb.dll "$T" FULL 1 /tmp/qingshan-tpcb-cs.db 10 | tail -1)
  echo "$line"; anchor=$(sed -n 's/.*= \([0-9]*\) TPS.*/\1/p' <<<"$line")
  echo "== SQLite ledger postings (${C} clients, ${T}s)"
  rm -f /tmp/qingshan-ledger-bench.db /tmp/qingshan-ledger-bench.db-wal /tmp/qingshan-ledger-bench.db-shm
  out=$(timeout $((T + 120)) dotnet "$BENCH" --provider sqlite --connection "Data Source=/tmp/qingshan-ledger-bench.db" --seconds "$T" --clients "$C" --audit "${AUDIT:-on}" --audit-batch "${AUDIT_BATCH:-0}")
  echo "$out" | grep -v '^RESULT'; ours=$(sed -n 's/^RESULT //p' <<<"$out")
  rm -f /tmp/qingshan-ledger-bench.db /tmp/qingshan-ledger-bench.db-wal /tmp/qingshan-ledger-bench.db-shm
  echo "SQLite: ledger $ours postings/s vs anchor $anchor TPS = $(ratio "$ours" "$anchor") (goal ≥ 50 %)"
fi

if [ "$WHICH" != sqlite ]; then
  A=qs_bench_pgbench_$$; L=qs_bench_ledger_$$
  cleanup() { $PGBIN/dropdb --if-exists -f "$A" 2>/dev/null || true; $PGBIN/dropdb --if-exists -f "$L" 2>/dev/null || true; }
  trap cleanup EXIT
  $PGBIN/createdb "$A"; $PGBIN/createdb "$L"
  echo "== PostgreSQL anchor (pgbench tpcb-like, scale 10, -c 2 -j 2, ${T}s, server $PGHOST:$PGPORT)"
  $PGBIN/pgbench -i -s 10 -q "$A" 2>&1 | tail -1
  $PGBIN/psql -d "$A" -Atc "select 'synchronous_commit='||current_setting('synchronous_commit')||', fsync='||current_setting('fsync')"
  $PGBIN/psql -d "$A" -qc checkpoint
  line=$($PGBIN/pgbench -c 2 -j 2 -T "$T" "$A" 2>&1 | grep -E '^tps')
  echo "$line"; anchor=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' <<<"$line")
  echo "== PostgreSQL anchor (pgbench tpcb-like, scale 10, -c $C -j 2, ${T}s)"
  $PGBIN/psql -d "$A" -qc checkpoint
  line=$($PGBIN/pgbench -c "$C" -j 2 -T "$T" "$A" 2>&1 | grep -E '^tps')
  echo "$line"; anchorc=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' <<<"$line")
  anchor=$(awk -v a="$anchor" -v b="$anchorc" 'BEGIN { print (a > b ? a : b) }')
  echo "== PostgreSQL ledger postings (${C} clients, ${T}s)"
  out=$(timeout $((T + 120)) dotnet "$BENCH" --provider postgres --connection "Host=$PGHOST;Port=$PGPORT;Username=$PGUSER;Password=$PGPASSWORD;Database=$L" --seconds "$T" --clients "$C" --audit "${AUDIT:-on}" --audit-batch "${AUDIT_BATCH:-0}")
  echo "$out" | grep -v '^RESULT'; ours=$(sed -n 's/^RESULT //p' <<<"$out")
  echo "PostgreSQL: ledger $ours postings/s vs anchor $anchor TPS (the higher pgbench) = $(ratio "$ours" "$anchor") (goal ≥ 50 %)"
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

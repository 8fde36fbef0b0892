#!/usr/bin/env bash
# Bid bench: bids over HTTP against a running Qingshan (Kestrel, Release) on SQLite and on PostgreSQL, each against the
# TPC-B anchor of the same store run in the same script.
#   1. builds src/Qingshan.Web and bench/Qingshan.Bid.Bench (Release)
#   2. per store: a throw-away database (SQLite file under /tmp; PostgreSQL database on $PG_HOST:$PG_PORT), set up by
#      the bench (demo county, one deal in auction, BIDDERS qualified bidders with one operator account each)
#   3. starts the web host on a free loopback port, drives RATE bids/s open loop for SECONDS s (p50/p95/p99 from the
#      scheduled send time), then a closed loop for the maximum sustained bids/s; stops the host
#   4. anchor: sqlite-tpcb-cs (WAL, synchronous=FULL, one commit per transaction) for SQLite; pgbench TPC-B-like
#      scale 10, 8 clients, on the same PostgreSQL server, for PostgreSQL; prints bid throughput / anchor TPS
# Goals (issue 5): p99 <= 200 ms at 200 bids/s; bid throughput >= 50 % of the anchor.
# Usage: bash bench/bid.sh [STORES="sqlite postgres"] [SECONDS=30] [RATE=200] [BIDDERS=10]
#   PROBE=5: before the bid loops, 5 s closed loops against an unmatched /api path (without and with the cookie) and
#   the auction state read, to separate the HTTP/auth pipeline from the bid path.
#   PostgreSQL: PG_HOST (127.0.0.1), PG_PORT (55433), PG_USER (postgres), PGPASSWORD (postgres)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SHARED="$ROOT/../shared/bench"
[ -d "$SHARED/sqlite-tpcb-cs" ] || SHARED=/work/shared/bench
STORES=${1:-sqlite postgres}; T=${2:-30}; RATE=${3:-200}; BIDDERS=${4:-10}
PG_HOST=${PG_HOST:-127.0.0.1}; PG_PORT=${PG_PORT:-55433}; PG_USER=${PG_USER:-postgres}; export PGPASSWORD=${PGPASSWORD:-postgres}
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
WORK=$(mktemp -d /tmp/qingshan-bidbench.XXXX)
WEB_PID=""
cleanup() { [ -n "$WEB_PID" ] && kill "$WEB_PID" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

dotnet build -c Release -v q --nologo "$ROOT/src/Qingshan.Web/Qingshan.Web.csproj" >/dev/null
dotnet build -c Release -v q --nologo "$ROOT/bench/Qingshan.Bid.Bench/Qingshan.Bid.Bench.csproj" >/dev/null
WEB="$ROOT/src/Qingshan.Web/bin/Release/net10.0/Qingshan.Web.dll"
BENCH="$ROOT/bench/Qingshan.Bid.Bench/bin/Release/net10.0/Qingshan.Bid.Bench.dll"
dotnet build "$SHARED/sqlite-tpcb-cs/SqliteTpcb.csproj" -c Release --artifacts-path "$WORK/tpcb" -v q -nologo 2>&1 | grep -E ': error ' || true
TPCB="$WORK/tpcb/bin/SqliteTpcb/release/SqliteTpcb.dll"

for store in $STORES; do
  echo "== $store: $RATE bids/s for $T s, $BIDDERS bidders; load average $(cut -d' ' -f1-3 /proc/loadavg)"
  if [ "$store" = postgres ]; then
    DB="qs_bidbench_$$"
    "$PGBIN/psql" -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -qc "CREATE DATABASE $DB" postgres
    CONN="Host=$PG_HOST;Port=$PG_PORT;Username=$PG_USER;Password=$PGPASSWORD;Database=$DB"
    PROVIDER=Postgres
  else
    mkdir -p "$WORK/sqlite"
    CONN="Data Source=$WORK/sqlite/qingshan.db"
    PROVIDER=Sqlite
  fi
  dotnet "$BENCH" setup --provider "${store}" --db "$CONN" --out "$WORK/setup.json" --bidders "$BIDDERS"
  PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  # The host runs in an empty directory: its content root is watched for configuration changes (with subdirectories),
  # and a SQLite database under it kept the file-watcher thread busy with every WAL write.
  mkdir -p "$WORK/web"
  (cd "$WORK/web" && ASPNETCORE_URLS="http://127.0.0.1:$PORT" ASPNETCORE_ENVIRONMENT=Production Database__Provider=$PROVIDER \
     Database__ConnectionString="$CONN" Demo__Seed=false Logging__LogLevel__Default=Warning exec dotnet "$WEB") > "$WORK/web.log" 2>&1 &
  WEB_PID=$!
  for _ in $(seq 120); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/portal" && break; sleep 1; done
  OUT=$(dotnet "$BENCH" drive --url "http://127.0.0.1:$PORT" --setup "$WORK/setup.json" --rate "$RATE" --seconds "$T" --closed-seconds 20 --probe-seconds "${PROBE:-0}" --web-pid "$WEB_PID")
  echo "$OUT" | grep -v '^[A-Z_]*='
  kill "$WEB_PID"; wait "$WEB_PID" 2>/dev/null || true; WEB_PID=""
  BID_TPS=$(sed -n 's/^BID_TPS=//p' <<<"$OUT"); P99=$(sed -n 's/^OPEN_P99_MS=//p' <<<"$OUT")
  if [ "$store" = postgres ]; then
    "$PGBIN/psql" -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -qc "DROP DATABASE $DB WITH (FORCE)" postgres
    "$PGBIN/psql" -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -qc "CREATE DATABASE ${DB}_tpcb" postgres
    "$PGBIN/pgbench" -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -i -s 10 -q "${DB}_tpcb" 2>&1 | tail -1
    ANCHOR_OUT=$("$PGBIN/pgbench" -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -c 8 -j 2 -T "$T" "${DB}_tpcb" 2>&1)
    "$PGBIN/psql" -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -qc "DROP DATABASE ${DB}_tpcb WITH (FORCE)" postgres
    echo "anchor: pgbench tpcb-like scale 10, -c 8 -j 2 -T $T on the same server: $(grep -E '^tps' <<<"$ANCHOR_OUT")"
    ANCHOR=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' <<<"$ANCHOR_OUT")
  else
    ANCHOR_OUT=$(timeout $((T + 120)) dotnet "$TPCB" "$T" FULL 1 "$WORK/tpcb.db")
    echo "anchor: $ANCHOR_OUT"
    ANCHOR=$(sed -n 's/.*= \([0-9.]*\) TPS.*/\1/p' <<<"$ANCHOR_OUT")
  fi
  python3 - "$store" "$BID_TPS" "$ANCHOR" "$P99" "$RATE" <<'PY'
import sys
store, bid, anchor, p99, rate = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
print(f"RESULT {store}: bid throughput {bid:.0f}/s, anchor {anchor:.0f} TPS, ratio {bid / anchor:.2f} (goal >= 0.50: {'met' if bid / anchor >= 0.5 else 'NOT met'}); "
      f"p99 at {rate} bids/s {p99:.1f} ms (goal <= 200: {'met' if p99 <= 200 else 'NOT met'})")
PY
done

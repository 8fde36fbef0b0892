#!/usr/bin/env bash
# Raster bench: ours (Qingshan.Raster) against the GDAL + numpy anchor on the same data, same session.
#   1. generates synthetic 4000² and 10000² rasters with the anchor's make_rasters.py (kept between runs)
#   2. runs the anchor raster_baseline.py (--procs 2, the tuned settings of PERF-BASELINES 3.2) RUNS times
#      and writes its zonal table at full precision (anchor_table.py)
#   3. runs Qingshan.Bench: end-to-end from uncompressed GeoTIFF (page cache warm), then the in-memory
#      kernel alone; prints Mpx/s, the ratio to the anchor, VmHWM, and checks the zonal table to 1e-6
# The anchor scripts come from ../shared/bench next to the repository (as CI lays it out), else /work/shared.
# Usage: bash bench/raster.sh [SIZES="4000 10000"] [RUNS=5]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SHARED="$ROOT/../shared/bench"
[ -f "$SHARED/raster_baseline.py" ] || SHARED=/work/shared/bench
[ -f "$SHARED/raster_baseline.py" ] || { echo "anchor scripts not found (../shared/bench or /work/shared/bench)" >&2; exit 1; }
SIZES=${1:-4000 10000}; RUNS=${2:-5}
PY=/usr/bin/python3
DATA=${RASTER_DATA:-/tmp/qingshan-rasters}
TUNE=(env GDAL_CACHEMAX=64 MALLOC_MMAP_THRESHOLD_=4294967296 MALLOC_TRIM_THRESHOLD_=17179869184)
dotnet build -c Release -v q --nologo "$ROOT/bench/Qingshan.Bench/Qingshan.Bench.csproj" >/dev/null
BENCH="$ROOT/bench/Qingshan.Bench/bin/Release/net10.0/Qingshan.Bench.dll"
status=0
for n in $SIZES; do
  D="$DATA/$n"
  if [ ! -f "$D/zones.tif" ]; then
    $PY "$SHARED/make_rasters.py" "$n" --zones 5000 --out "$D"
  fi
  rm -f "$D"/*.aux.xml
  cat "$D"/*.tif > /dev/null   # warm the page cache for both sides
  echo "== size $n (anchor: $SHARED)"
  walls=(); cpus=()
  for r in $(seq "$RUNS"); do
    # user+system seconds of the whole process tree too: on a shared VM wall time depends on the neighbours
    line=$(/usr/bin/time -f 'cpu=%U+%S' -o /tmp/qingshan-anchor-time "${TUNE[@]}" $PY "$SHARED/raster_baseline.py" "$D" --procs 2)
    walls+=("$(sed -n 's/.* wall=\([0-9.]*\)s.*/\1/p' <<<"$line")")
    cpus+=("$(awk -F'[=+]' '/^cpu=/ {print $2 + $3}' /tmp/qingshan-anchor-time)")
  done
  echo "anchor: $line"
  median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
  anchor=$(median "${walls[@]}"); anchor_cpu=$(median "${cpus[@]}")
  echo "anchor walls (s): ${walls[*]} -> median $anchor; CPU seconds (whole process, incl. start-up): ${cpus[*]} -> median $anchor_cpu; load average $(cut -d' ' -f1 /proc/loadavg)"
  $PY "$ROOT/bench/anchor_table.py" "$SHARED" "$D" "/tmp/qingshan-anchor-$n.csv"
  dotnet "$BENCH" --data "$D" --runs "$RUNS" --anchor-seconds "$anchor" --anchor-cpu-seconds "$anchor_cpu" \
    --anchor-table "/tmp/qingshan-anchor-$n.csv" || status=1
done
exit $status

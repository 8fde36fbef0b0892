#!/usr/bin/env python3
"""Full-precision zonal table from the anchor's own code.

raster_baseline.py writes its per-zone CSV with 6 significant digits, too coarse to check a
1e-6 relative match. This imports that script as a module, runs its _strip() (the same
GDAL reads, numpy arithmetic and bincount) over every strip in one process, and writes
zone,count,pot_sum,act_sum,ret_sum with 17 significant digits.
Usage: /usr/bin/python3 bench/anchor_table.py SHARED_BENCH_DIR DATA_DIR OUT_CSV
"""
import importlib.util
import os
import sys

import numpy as np
from osgeo import gdal

shared, data, out = sys.argv[1:4]
spec = importlib.util.spec_from_file_location("raster_baseline", os.path.join(shared, "raster_baseline.py"))
rb = importlib.util.module_from_spec(spec)
spec.loader.exec_module(rb)
zds = gdal.Open(os.path.join(data, "zones.tif"))
n = zds.RasterXSize
nz = int(zds.GetRasterBand(1).ComputeRasterMinMax(False)[1]) + 1
rb._init(data, False, None, nz)
tot = None
for r0 in range(0, n, 512):
    _, st, _, _ = rb._strip((r0, min(n, r0 + 512)))
    tot = st if tot is None else tot + st
cnt, pot, act, ret = tot
with open(out, "w") as f:
    f.write("zone,count,pot_sum,act_sum,ret_sum\n")
    for z in np.nonzero(cnt[1:])[0] + 1:
        f.write(f"{z},{int(cnt[z])},{pot[z]:.17g},{act[z]:.17g},{ret[z]:.17g}\n")
print(f"anchor table: {len(np.nonzero(cnt[1:])[0])} zones, sum_ret={ret[1:].sum():.6e} -> {out}")

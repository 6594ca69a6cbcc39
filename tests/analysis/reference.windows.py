#!/usr/bin/python3
"""The read window zonal-reference.py uses for each feature (same rasterio calls), or null when rasterio
refuses it (empty intersection: the reference stops there). One JSON array on stdout."""
import json, sys
import rasterio
from rasterio.warp import transform_geom
from rasterio.windows import Window, from_bounds
from shapely.geometry import shape

out = []
with rasterio.open(sys.argv[1]) as d:
    for f in json.load(open(sys.argv[2]))["features"]:
        geom = transform_geom("EPSG:4326", d.crs, f["geometry"])
        win = from_bounds(*shape(geom).bounds, transform=d.transform).round_offsets().round_lengths()
        try:
            w = win.intersection(Window(0, 0, d.width, d.height))
            out.append([int(w.col_off), int(w.row_off), int(w.width), int(w.height)])
        except Exception:
            out.append(None)
print(json.dumps(out))

#!/usr/bin/python3
"""Test helper: GDAL (through rasterio) reads rasters the COG writer's tests compare, as JSON.

  equal A.tif B.tif              all bands and the dataset masks of A and B, pixel for pixel
  raw COG.tif DATA.bin DTYPE [MASK.bin]
                                 COG's full resolution against a pixel-interleaved raw array
                                 (and a byte mask, 0 invalid)
  overview COG.tif INDEX         overview INDEX (0 = first) as nested lists, and its dataset mask
"""
import json
import sys

import numpy as np
import rasterio


def diff(a, b):
    a64, b64 = a.astype(np.float64), b.astype(np.float64)
    both_nan = np.isnan(a64) & np.isnan(b64)
    d = np.where(both_nan, 0, np.abs(a64 - b64))
    return bool(np.all(both_nan | (a64 == b64))), float(np.nanmax(d)) if d.size else 0.0


def equal(a_path, b_path):
    with rasterio.open(a_path) as a, rasterio.open(b_path) as b:
        same, max_diff = diff(a.read(), b.read())
        mask_equal = bool(np.array_equal(a.dataset_mask(), b.dataset_mask()))
        return {"equal": same, "maxDiff": max_diff, "maskEqual": mask_equal}


def raw(cog, data_path, dtype, mask_path=None):
    with rasterio.open(cog) as d:
        got = d.read()
        want = np.fromfile(data_path, dtype=dtype).reshape(d.height, d.width, d.count).transpose(2, 0, 1)
        same, max_diff = diff(got, want)
        out = {"equal": same, "maxDiff": max_diff}
        if mask_path:
            want_mask = np.fromfile(mask_path, dtype=np.uint8).reshape(d.height, d.width) != 0
            out["maskEqual"] = bool(np.array_equal(d.dataset_mask() != 0, want_mask))
        return out


def overview(cog, index):
    with rasterio.open(cog, overview_level=int(index)) as d:
        data = d.read().astype(np.float64)
        return {
            "width": d.width,
            "height": d.height,
            "data": [[[None if np.isnan(v) else v for v in row] for row in band] for band in data.tolist()],
            "mask": d.dataset_mask().tolist(),
        }


commands = {"equal": equal, "raw": raw, "overview": overview}
print(json.dumps(commands[sys.argv[1]](*sys.argv[2:])))

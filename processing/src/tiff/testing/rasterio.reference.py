#!/usr/bin/python3
"""Test reference: for each job, the full raster of one level as read by rasterio (GDAL), written as
pixel-interleaved little-endian samples (<out>.data) and rasterio's dataset_mask (<out>.mask).
Jobs come as a JSON list of {"path", "overview" (null or 0-based level), "out"} in argv[1]."""
import json
import sys

import numpy as np
import rasterio

for job in json.loads(sys.argv[1]):
    kwargs = {} if job["overview"] is None else {"overview_level": job["overview"]}
    with rasterio.open(job["path"], **kwargs) as d:
        data = d.read()
        np.ascontiguousarray(np.moveaxis(data, 0, -1)).astype(data.dtype.newbyteorder("<")).tofile(job["out"] + ".data")
        d.dataset_mask().astype(np.uint8).tofile(job["out"] + ".mask")

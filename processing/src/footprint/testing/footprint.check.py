#!/usr/bin/python3
"""Independent judges for the footprint tests (rasterio, GDAL, shapely).

  mask <tif> <band> <out.bin>         one band as raw bytes (row-major); prints {width, height, transform}
  judge <list.json> [<gdal.geojson> <value>]
                                      shapely validity and area of each geometry of a JSON list; with a
                                      gdal_polygonize.py output, the area of its DN == value features
                                      and of the symmetric difference with each geometry
  hausdorff <a.geojson> <b.geojson>   shapely Hausdorff distance between two geometries
"""
import json
import sys

from shapely.geometry import shape
from shapely.ops import unary_union
from shapely.validation import explain_validity


def load(path):
    with open(path) as f:
        return json.load(f)


def mask(path, band, out):
    import rasterio

    with rasterio.open(path) as ds:
        data = ds.read(int(band))
        t = ds.transform
        with open(out, "wb") as f:
            f.write(data.astype("uint8").tobytes())
        print(json.dumps({"width": ds.width, "height": ds.height, "transform": list(t.to_gdal())}))


def judge(list_path, gdal_path=None, value=None):
    theirs = None
    if gdal_path:
        features = [f for f in load(gdal_path)["features"] if f["properties"]["DN"] == int(value)]
        gdal_area = sum(shape(f["geometry"]).area for f in features)
        theirs = unary_union([shape(f["geometry"]) for f in features])
    results = []
    for geometry in load(list_path):
        ours = shape(geometry)
        result = {
            "valid": bool(ours.is_valid),
            "reason": explain_validity(ours),
            "area": ours.area,
        }
        if theirs is not None:
            result["gdalArea"] = gdal_area
            result["symmetricDifference"] = ours.symmetric_difference(theirs).area
        results.append(result)
    print(json.dumps(results))


def hausdorff(a, b):
    print(json.dumps({"distance": shape(load(a)).hausdorff_distance(shape(load(b)))}))


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    {"mask": mask, "judge": judge, "hausdorff": hausdorff}[command](*args)

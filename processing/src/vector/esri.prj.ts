/**
 * The ESRI WKT of a Shapefile's .prj for the CRSs drone orthos of Mongolia usually come in: WGS 84
 * (EPSG:4326), Pseudo-Mercator (3857) and WGS 84 / UTM (32601–32660, 32701–32760). Other CRSs → null
 * (the caller gives the WKT, e.g. a MONREF97 .prj).
 * Reference: ESRI projection engine names as GDAL prints them (`gdalsrsinfo -o wkt_esri EPSG:n`).
 */

const GCS_WGS84 =
  'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],' +
  'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';

const WEB_MERCATOR =
  `PROJCS["WGS_1984_Web_Mercator_Auxiliary_Sphere",${GCS_WGS84},PROJECTION["Mercator_Auxiliary_Sphere"],` +
  'PARAMETER["False_Easting",0.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",0.0],' +
  'PARAMETER["Standard_Parallel_1",0.0],PARAMETER["Auxiliary_Sphere_Type",0.0],UNIT["Meter",1.0]]';

/** A number as ESRI WKT writes it: always with a decimal part. */
function wktNumber(v: number): string {
  return Number.isInteger(v) ? `${v}.0` : String(v);
}

function utm(zone: number, south: boolean): string {
  return (
    `PROJCS["WGS_1984_UTM_Zone_${zone}${south ? 'S' : 'N'}",${GCS_WGS84},PROJECTION["Transverse_Mercator"],` +
    `PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",${wktNumber(south ? 10_000_000 : 0)}],` +
    `PARAMETER["Central_Meridian",${wktNumber(zone * 6 - 183)}],PARAMETER["Scale_Factor",0.9996],` +
    'PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]'
  );
}

/** ESRI WKT for an EPSG code, or null when not one of the CRSs above. */
export function esriWkt(epsg: number | null): string | null {
  if (epsg === 4326) return GCS_WGS84;
  if (epsg === 3857) return WEB_MERCATOR;
  if (epsg !== null && epsg >= 32601 && epsg <= 32660) return utm(epsg - 32600, false);
  if (epsg !== null && epsg >= 32701 && epsg <= 32760) return utm(epsg - 32700, true);
  return null;
}

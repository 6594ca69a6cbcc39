/**
 * dBASE field names for a layer's fields: at most 10 ASCII characters (letters, digits, `_`, starting
 * with a letter), unique without regard to case. A field's `shpName` is used when it has one (the
 * layers document their mapping, e.g. `reference_biomass_kg_ha` → `ref_bio`); otherwise the name is
 * cleaned and cut to 10 characters, and a clash gets a numbered suffix (`coverage_p` → `coverage_2`).
 * Reference: dBASE III field descriptor (11-byte name, NUL-terminated); OGR Shapefile driver's laundering.
 */
import type { VectorField } from './vector.layer.ts';

const MAX = 10;

function clean(name: string): string {
  const ascii = name.replace(/[^A-Za-z0-9_]/g, '_');
  return (/^[A-Za-z]/.test(ascii) ? ascii : `f${ascii}`).slice(0, MAX);
}

/** One unique dBASE name per field, in field order. */
export function dbfFieldNames(fields: ReadonlyArray<VectorField>): string[] {
  const taken = new Set<string>();
  return fields.map((f) => {
    const base = clean(f.shpName ?? f.name);
    let name = base;
    for (let n = 2; taken.has(name.toLowerCase()); n++) {
      const suffix = `_${n}`;
      name = base.slice(0, MAX - suffix.length) + suffix;
    }
    taken.add(name.toLowerCase());
    return name;
  });
}

/**
 * Export a layer in a chosen format: a format picker and the download link of
 * `GET /api/exports/layers/{layer}.{format}` (issue 7 "Export"; the formats of
 * api/src/vector-exports/vector.formats.ts), filtered by soum when one is given.
 */
import { useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider.tsx';

export const EXPORT_FORMATS = ['geojson', 'gpkg', 'shp.zip', 'csv', 'kml'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const LABELS: Readonly<Record<ExportFormat, string>> = {
  geojson: 'GeoJSON',
  gpkg: 'GeoPackage',
  'shp.zip': 'Shapefile (zip)',
  csv: 'CSV',
  kml: 'KML',
};

export function exportHref(layer: string, format: ExportFormat, soum: string | null = null): string {
  const query = soum ? `?${new URLSearchParams({ soum })}` : '';
  return `/api/exports/layers/${layer}.${format}${query}`;
}

export interface ExportPickerProps {
  readonly layer: 'pasture-units' | 'results';
  readonly soum?: string | null;
}

export function ExportPicker({ layer, soum = null }: ExportPickerProps): ReactNode {
  const { t } = useI18n();
  const [format, setFormat] = useState<ExportFormat>('geojson');
  return (
    <span className="export-picker" data-testid={`export-${layer}`}>
      <select
        className="select select--small"
        aria-label={t('export.format')}
        value={format}
        data-testid="export-format"
        onChange={(e) => setFormat(EXPORT_FORMATS.find((f) => f === e.target.value) ?? 'geojson')}
      >
        {EXPORT_FORMATS.map((f) => (
          <option key={f} value={f}>
            {LABELS[f]}
          </option>
        ))}
      </select>
      <a className="button" href={exportHref(layer, format, soum)} download data-testid="export-link">
        {t('units.export')}
      </a>
    </span>
  );
}

import { describe, expect, it } from 'vitest';
import { parseExport } from './exports.ts';

describe('parseExport', () => {
  it('reads a ready export with the zip size, and a queued one without', () => {
    const ready = parseExport({
      id: 'e1',
      kind: 'survey-package',
      status: 'ready',
      progress: 100,
      files: [
        { name: 'imagery.pmtiles', size: 10, url: '/api/exports/e1/imagery.pmtiles' },
        { name: 'package.zip', size: 1234, url: '/api/exports/e1/package.zip' },
      ],
    });
    expect(ready).toEqual({ id: 'e1', status: 'ready', progress: 100, error: null, zipSize: 1234 });
    expect(parseExport({ id: 'e2', status: 'queued', progress: 0 }).zipSize).toBeNull();
  });

  it('refuses an unknown status, naming the field', () => {
    expect(() => parseExport({ id: 'e3', status: 'done', progress: 0 })).toThrow(/export\.status/);
  });
});

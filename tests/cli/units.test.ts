/**
 * The CLI's pure pieces: backoff schedule, sizes, durations, the progress line, the moving-average
 * speed, tus metadata, server URLs, error bodies, the plain (non-terminal) progress output.
 */
import { describe, expect, it } from 'vitest';
import { parseSize } from '../../api/src/cli/args.ts';
import { backoffDelay } from '../../api/src/cli/backoff.ts';
import { formatBytes, formatDuration } from '../../api/src/cli/format.ts';
import { messageFromBody } from '../../api/src/cli/http.error.ts';
import { renderBar, renderPlain } from '../../api/src/cli/progress.line.ts';
import { ProgressReporter } from '../../api/src/cli/progress.reporter.ts';
import { RateMeter } from '../../api/src/cli/rate.meter.ts';
import { resumeKey } from '../../api/src/cli/resume.store.ts';
import { normaliseServerUrl } from '../../api/src/cli/server.url.ts';
import { decodeUploadMetadata, encodeUploadMetadata } from '../../api/src/cli/tus.metadata.ts';

describe('backoff', () => {
  it('doubles from 1 s and stays at 60 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 50].map((n) => backoffDelay(n))).toEqual([
      1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000,
    ]);
  });
});

describe('formatting', () => {
  it('sizes and durations', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.50 KiB');
    expect(formatBytes(10 * 1024 ** 3)).toBe('10.0 GiB');
    expect(formatDuration(42_000)).toBe('42s');
    expect(formatDuration(185_000)).toBe('3m05s');
    expect(formatDuration(3_720_000)).toBe('1h02m');
  });

  it('parses chunk sizes', () => {
    expect(parseSize('8M', 'chunk-size')).toBe(8 * 1024 ** 2);
    expect(parseSize('512KiB', 'chunk-size')).toBe(512 * 1024);
    expect(parseSize('1048576', 'chunk-size')).toBe(1048576);
    expect(() => parseSize('12', 'chunk-size')).toThrow('at least 1 KiB');
  });

  it('a progress line has percentage, bytes, speed and time left', () => {
    const state = { label: 'uploading', done: 1024 ** 3, total: 4 * 1024 ** 3, rate: 1024 ** 2 };
    const bar = renderBar(state, 120);
    expect(bar).toMatch(
      /^uploading \[#{8}-{22}\] +25\.0 % {2}1\.00 GiB \/ 4\.00 GiB {2}1\.00 MiB\/s {2}51m12s left$/,
    );
    expect(renderBar(state, 80)).toMatch(/^uploading \[#{3}-{10}\] +25\.0 %/); // the bar shrinks on a narrow terminal
    expect(renderBar(state, 50).length).toBeLessThanOrEqual(60);
    expect(renderPlain(state)).toBe('uploading: 25.0 %, 1.00 GiB / 4.00 GiB, 1.00 MiB/s, 51m12s left');
    expect(renderPlain({ ...state, rate: null })).toBe('uploading: 25.0 %, 1.00 GiB / 4.00 GiB');
  });
});

describe('RateMeter', () => {
  it('averages over the window and forgets older samples', () => {
    const m = new RateMeter(10_000);
    expect(m.rate(0)).toBeNull();
    for (let t = 0; t <= 10_000; t += 1000) m.add(100_000, t); // 100 kB/s
    expect(m.rate(10_000)).toBeCloseTo(100_000, -2);
    for (let t = 11_000; t <= 30_000; t += 1000) m.add(10_000, t); // the link slows to 10 kB/s
    expect(m.rate(30_000)).toBeCloseTo(10_000, -2);
    expect(m.rate(60_000)).toBeLessThan(4_000); // nothing moving: the speed decays
  });
});

describe('plain progress output (not a terminal)', () => {
  it('prints a line every 10 s and the final state once', () => {
    let now = 0;
    let text = '';
    const r = new ProgressReporter({ write: (s: string) => (text += s), isTTY: false }, { now: () => now });
    r.phase('uploading');
    for (let i = 1; i <= 30; i += 1) {
      now = i * 1000;
      r.progress(i * 1000, 30_000, 1000);
    }
    r.finish();
    const lines = text.trim().split('\n');
    expect(lines).toHaveLength(4); // t=1, 11, 21 s, and the end
    expect(lines.at(-1)).toMatch(/^uploading: 100\.0 %, 29\.3 KiB \/ 29\.3 KiB, 1000 B\/s$/);
    expect(text).not.toContain('\r');
  });
});

describe('tus metadata and keys', () => {
  it('round-trips UTF-8 values in base64', () => {
    const header = encodeUploadMetadata({ surveyId: 'abc', filename: 'Хотонт ортофото.tif', sha256: 'ff00' });
    expect(header).toBe(
      `surveyId YWJj,filename ${Buffer.from('Хотонт ортофото.tif').toString('base64')},sha256 ZmYwMA==`,
    );
    expect(decodeUploadMetadata(header)).toEqual({
      surveyId: 'abc',
      filename: 'Хотонт ортофото.tif',
      sha256: 'ff00',
    });
  });

  it('a resume key changes with the size or mtime of the file', () => {
    const id = { server: 'https://b.mn', surveyId: 's', path: '/a.tif', size: 10, mtimeMs: 1000.5 };
    expect(resumeKey(id)).toBe(resumeKey({ ...id, mtimeMs: 1000.9 }));
    expect(resumeKey(id)).not.toBe(resumeKey({ ...id, size: 11 }));
    expect(resumeKey(id)).not.toBe(resumeKey({ ...id, mtimeMs: 2000 }));
  });
});

describe('server URLs and error bodies', () => {
  it('normalises what users type', () => {
    expect(normaliseServerUrl('belcheer.example.mn')).toBe('https://belcheer.example.mn');
    expect(normaliseServerUrl('http://10.0.0.5:8080/')).toBe('http://10.0.0.5:8080');
    expect(normaliseServerUrl('https://gov.mn/belcheer/')).toBe('https://gov.mn/belcheer');
    expect(() => normaliseServerUrl('ftp://x')).toThrow('not an http(s) server URL');
  });

  it('reads the JSON error shape, else short text, never HTML', () => {
    expect(
      messageFromBody(404, 'Not Found', '{"error":{"code":"not_found","message":"survey 9 not found"}}'),
    ).toEqual({ code: 'not_found', message: 'survey 9 not found' });
    expect(messageFromBody(409, 'Conflict', 'Upload-Offset conflict\n')).toEqual({
      code: null,
      message: 'Upload-Offset conflict',
    });
    expect(messageFromBody(502, 'Bad Gateway', '<html><body>nginx</body></html>')).toEqual({
      code: null,
      message: 'HTTP 502 Bad Gateway',
    });
  });
});

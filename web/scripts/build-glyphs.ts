/**
 * Generates the SDF glyph PBFs that MapLibre loads from `/fonts/{fontstack}/{range}.pbf`, from
 * the open Noto Sans font shipped by @fontsource/noto-sans (SIL OFL 1.1, licence copied beside the
 * output). Ranges: Basic Latin + Latin-1, Latin Extended, Cyrillic (incl. Mongolian Ө ө Ү ү at
 * U+04E8/04E9/04AE/04AF) and General Punctuation.
 *
 * Output goes to web/public/fonts/<fontstack>/<start>-<end>.pbf, which Vite copies into dist. The
 * run is skipped when a stamp of the inputs (font files and these scripts) matches the last run.
 *
 *   node --import tsx web/scripts/build-glyphs.ts [--force]
 */
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { loadFontSource } from './glyphs/font.source.ts';
import { encodeGlyphRange } from './glyphs/glyph.pbf.ts';
import { renderGlyphRange } from './glyphs/render.range.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const webDir = path.resolve(here, '..');
const outDir = path.join(webDir, 'public', 'fonts');
const stampFile = path.join(outDir, '.stamp');

/** Range starts (each range covers 256 codepoints). */
const RANGES = [0, 256, 1024, 8192] as const;
const SUBSETS = ['latin', 'latin-ext', 'cyrillic', 'cyrillic-ext'] as const;
const FONTSTACKS = [
  { name: 'Noto Sans Regular', weight: 400 },
  { name: 'Noto Sans Bold', weight: 700 },
] as const;

const fontPackageDir = path.dirname(
  createRequire(import.meta.url).resolve('@fontsource/noto-sans/package.json'),
);
const fontFile = (subset: string, weight: number): string =>
  path.join(fontPackageDir, 'files', `noto-sans-${subset}-${weight}-normal.woff`);

async function inputsStamp(): Promise<string> {
  const hash = createHash('sha256');
  const scripts = [
    path.join(here, 'build-glyphs.ts'),
    ...(await readdir(path.join(here, 'glyphs'))).map((f) => path.join(here, 'glyphs', f)),
  ];
  const fonts = FONTSTACKS.flatMap((s) => SUBSETS.map((subset) => fontFile(subset, s.weight)));
  for (const file of [...scripts.sort(), ...fonts]) {
    hash.update(file.slice(webDir.length)).update(await readFile(file));
  }
  hash.update(JSON.stringify({ RANGES, FONTSTACKS }));
  return hash.digest('hex');
}

function outputs(): string[] {
  return FONTSTACKS.flatMap((s) => RANGES.map((r) => path.join(outDir, s.name, `${r}-${r + 255}.pbf`)));
}

async function main(): Promise<void> {
  const started = performance.now();
  const force = process.argv.includes('--force');
  const stamp = await inputsStamp();
  const previous = existsSync(stampFile) ? (await readFile(stampFile, 'utf8')).trim() : '';
  if (!force && previous === stamp && outputs().every((f) => existsSync(f))) {
    console.log(`glyphs: up to date (${outputs().length} ranges in ${path.relative(process.cwd(), outDir)})`);
    return;
  }
  await rm(outDir, { recursive: true, force: true });
  let glyphCount = 0;
  let bytes = 0;
  await Promise.all(
    FONTSTACKS.map(async (stack) => {
      const source = await loadFontSource(SUBSETS.map((subset) => fontFile(subset, stack.weight)));
      const dir = path.join(outDir, stack.name);
      await mkdir(dir, { recursive: true });
      await copyFile(path.join(fontPackageDir, 'LICENSE'), path.join(dir, 'OFL.txt'));
      for (const start of RANGES) {
        const glyphs = await renderGlyphRange(source, start);
        const pbf = encodeGlyphRange({ fontstack: stack.name, start, end: start + 255, glyphs });
        await writeFile(path.join(dir, `${start}-${start + 255}.pbf`), pbf);
        glyphCount += glyphs.length;
        bytes += pbf.byteLength;
      }
    }),
  );
  await writeFile(stampFile, `${stamp}\n`);
  const ms = Math.round(performance.now() - started);
  console.log(
    `glyphs: ${glyphCount} glyphs in ${outputs().length} ranges (${Math.round(bytes / 1024)} KiB) for ` +
      `${FONTSTACKS.map((s) => s.name).join(', ')} in ${ms} ms`,
  );
}

main().catch((err: unknown) => {
  console.error('glyphs: failed:', err instanceof Error ? err.message : err);
  process.exit(1);
});

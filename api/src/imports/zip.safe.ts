/**
 * A zip read defensively (yauzl): every entry name is checked before anything is inflated — an
 * absolute path or a `..` segment refuses the whole archive (zip-slip); the declared uncompressed sizes
 * are capped in total and by compression ratio (zip bombs), and while inflating, the actual bytes are
 * counted against the same cap (yauzl also fails an entry that inflates beyond its declared size).
 * Entries are extracted only on request, to a path the caller chooses (never the entry's own name).
 * Reference: PKWARE APPNOTE §4.4; Snyk "Zip Slip"; D. Fifield, "A better zip bomb" (2019).
 */
import { createWriteStream } from 'node:fs';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { PayloadTooLargeError, ValidationError } from '@belcheer/processing';

/** At most this many bytes inflated from one archive, in total. */
export const MAX_UNCOMPRESSED_BYTES = 256 * 2 ** 20;
/** Uncompressed / compressed beyond this (for entries over 1 MB) is a bomb, not a Shapefile. */
export const MAX_RATIO = 100;
const RATIO_FLOOR = 2 ** 20;
const MAX_ENTRIES = 1000;
const UTF8_FLAG = 0x800;

export interface SafeZip {
  /** Entry names (files only), as decoded. */
  readonly names: readonly string[];
  /** Inflates the entry `name` to the file `dest`. */
  extract(name: string, dest: string): Promise<void>;
  close(): void;
}

const refuse = (message: string) =>
  new ValidationError(`the zip is refused: ${message}`, undefined, 'unsafe_zip');

const bomb = (message: string) =>
  new PayloadTooLargeError(`the zip is refused as a zip bomb: ${message}`, 'zip_bomb');

/** Refuses absolute paths, drive letters and `..` segments (with either slash). */
export function checkEntryName(name: string): void {
  if (/^([/\\]|[a-zA-Z]:)/.test(name) || name.split(/[/\\]/).includes('..'))
    throw refuse(`entry "${name}" points outside the archive (zip-slip)`);
}

function checkSizes(name: string, entry: Entry, declaredTotal: number): void {
  const mb = (n: number) => `${(n / 2 ** 20).toFixed(1)} MB`;
  if (declaredTotal > MAX_UNCOMPRESSED_BYTES)
    throw bomb(
      `its entries declare ${mb(declaredTotal)} uncompressed (at most ${mb(MAX_UNCOMPRESSED_BYTES)} are read)`,
    );
  const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
  if (entry.uncompressedSize > RATIO_FLOOR && ratio > MAX_RATIO)
    throw bomb(
      `entry "${name}" declares a compression ratio of ${Math.round(ratio)}:1 (at most ${MAX_RATIO}:1)`,
    );
}

function openFile(file: string): Promise<ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(
      file,
      { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true },
      (err, zip) => (err ? reject(refuse(`not a readable zip (${err.message})`)) : resolve(zip)),
    ),
  );
}

function readEntries(zip: ZipFile): Promise<Map<string, Entry>> {
  const entries = new Map<string, Entry>();
  let declared = 0;
  return new Promise((resolve, reject) => {
    zip.on('error', (err: Error) => reject(refuse(err.message)));
    zip.on('end', () => resolve(entries));
    zip.on('entry', (entry: Entry) => {
      try {
        const raw = entry.fileName as unknown as Buffer; // decodeStrings: false
        const name = raw.toString(entry.generalPurposeBitFlag & UTF8_FLAG ? 'utf8' : 'latin1');
        checkEntryName(name);
        declared += entry.uncompressedSize;
        checkSizes(name, entry, declared);
        if (entries.size >= MAX_ENTRIES) throw refuse(`more than ${MAX_ENTRIES} entries`);
        if (!name.endsWith('/')) entries.set(name, entry);
        zip.readEntry();
      } catch (err) {
        zip.close();
        reject(err);
      }
    });
    zip.readEntry();
  });
}

export async function openZip(file: string): Promise<SafeZip> {
  const zip = await openFile(file);
  const entries = await readEntries(zip);
  let inflated = 0;
  const counter = (name: string) =>
    new Transform({
      transform(chunk: Buffer, _enc, done) {
        inflated += chunk.length;
        done(
          inflated > MAX_UNCOMPRESSED_BYTES
            ? bomb(`"${name}" inflates beyond ${MAX_UNCOMPRESSED_BYTES / 2 ** 20} MB in total`)
            : null,
          chunk,
        );
      },
    });
  return {
    names: [...entries.keys()],
    async extract(name, dest) {
      const entry = entries.get(name);
      if (!entry) throw refuse(`no entry "${name}"`);
      const stream = await new Promise<Readable>((resolve, reject) =>
        zip.openReadStream(entry, (err, s) => (err ? reject(refuse(err.message)) : resolve(s))),
      );
      try {
        await pipeline(stream, counter(name), createWriteStream(dest));
      } catch (err) {
        if (err instanceof PayloadTooLargeError) throw err;
        const message = (err as Error).message;
        throw /too many bytes/.test(message)
          ? bomb(`"${name}" inflates beyond the size it declares (${entry.uncompressedSize} bytes)`)
          : refuse(`entry "${name}" cannot be inflated (${message})`);
      }
    },
    close: () => zip.close(),
  };
}

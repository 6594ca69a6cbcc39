/**
 * Writes `package.zip`: the two archives stored as they are (PNG/WebP and gzip tiles do not shrink
 * further, and a stored entry can still be read in place), the style and README deflated.
 * Reference: yazl (streaming zip writer).
 */
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';

/** `files`: name in the zip → path on disk (stored); `texts`: name → content (deflated). */
export async function writeZip(
  target: string,
  files: Readonly<Record<string, string>>,
  texts: Readonly<Record<string, string>>,
): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const [name, file] of Object.entries(files)) zip.addFile(file, name, { compress: false });
  for (const [name, text] of Object.entries(texts)) zip.addBuffer(Buffer.from(text, 'utf8'), name);
  zip.end();
  await pipeline(zip.outputStream, createWriteStream(target));
}

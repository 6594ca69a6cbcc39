/**
 * Text as XML character data or an attribute value: the five markup characters escaped, and the
 * characters XML 1.0 does not allow at all (C0 controls other than tab, LF and CR; U+FFFE, U+FFFF)
 * dropped. Used by the KML writer and the GDAL_METADATA of our COGs.
 * Reference: XML 1.0 (Fifth Edition) §2.2 "Characters", §2.4 "Character Data and Markup".
 */

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Whether XML 1.0 §2.2 allows the UTF-16 code unit `c` (surrogates pass: they form allowed pairs). */
function allowed(c: number): boolean {
  return c >= 0x20 ? c !== 0xfffe && c !== 0xffff : c === 0x09 || c === 0x0a || c === 0x0d;
}

export function xmlEscape(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (!allowed(text.charCodeAt(i))) continue;
    out += ESCAPES[ch] ?? ch;
  }
  return out;
}

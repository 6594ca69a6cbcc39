/**
 * The top self-time and inclusive-time functions of a V8 .cpuprofile (as Chrome DevTools' bottom-up
 * and top-down views would show), as text.
 *
 *   node --import tsx bench/cpu.profile.top.ts file.cpuprofile [--top 30]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { functionName: string; url: string; lineNumber: number };
  readonly children?: number[];
}
interface Profile {
  readonly nodes: ProfileNode[];
  readonly samples: number[];
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: 'string', default: '30' } },
});
const profile = JSON.parse(readFileSync(positionals[0] ?? '', 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const name = (n: ProfileNode) =>
  `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*\/work\/main\//, '')}:${n.callFrame.lineNumber + 1}`;

const self = new Map<string, number>();
const total = new Map<string, number>();
for (const id of profile.samples) {
  const seen = new Set<string>();
  let node = byId.get(id);
  if (!node) continue;
  self.set(name(node), (self.get(name(node)) ?? 0) + 1);
  while (node) {
    const key = name(node);
    if (!seen.has(key)) total.set(key, (total.get(key) ?? 0) + 1);
    seen.add(key);
    const up = parent.get(node.id);
    node = up === undefined ? undefined : byId.get(up);
  }
}
const n = profile.samples.length;
const top = Number(values.top);
const show = (title: string, m: Map<string, number>) => {
  console.log(`${title} (${n} samples)`);
  for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`${((100 * v) / n).toFixed(1).padStart(5)} %  ${k}`);
};
show('self', self);
show('inclusive', total);

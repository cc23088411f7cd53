/** What a phone downloads before it can write its first note: the entry and its static imports. */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const dist = path.resolve(import.meta.dirname, '../client/dist');

export function phoneDownload(): { initialKb: number; lazyKb: number; files: [string, number][] } | null {
  const index = path.join(dist, 'index.html');
  if (!fs.existsSync(index)) return null;
  const html = fs.readFileSync(index, 'utf8');
  const initial = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  const gz = (file: string) => zlib.gzipSync(fs.readFileSync(path.join(dist, file)), { level: 9 }).length / 1024;
  const all = fs.readdirSync(path.join(dist, 'assets')).map((f) => `assets/${f}`).filter((f) => f.endsWith('.js') || f.endsWith('.css'));
  const files = initial.map((f) => [f, gz(f)] as [string, number]);
  return {
    initialKb: files.filter(([f]) => f.endsWith('.js')).reduce((a, [, k]) => a + k, 0),
    lazyKb: all.filter((f) => !initial.includes(f) && f.endsWith('.js')).reduce((a, f) => a + gz(f), 0),
    files,
  };
}

if (process.argv[1] && import.meta.filename === path.resolve(process.argv[1])) {
  const size = phoneDownload();
  if (!size) {
    console.error('client/dist is missing: run `npm run build` first');
    process.exit(1);
  }
  for (const [f, kb] of size.files) console.log(`${f.padEnd(45)} ${kb.toFixed(1)} kB gzip`);
  console.log(`\nPhone JavaScript before the first note: ${size.initialKb.toFixed(1)} kB gzip (budget 100 kB)`);
  console.log(`Loaded later where used (board, facilitator, schemas): ${size.lazyKb.toFixed(1)} kB gzip`);
}

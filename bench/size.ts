/**
 * `npm run size`: what a phone downloads before it can write its first note.
 *
 * That is the JavaScript `client/dist/index.html` makes the browser load up front: the entry
 * `<script type="module" src>` and every `<link rel="modulepreload" href>` (the chunks the entry
 * imports statically). Each file is gzip-compressed with node:zlib at level 9. As a cross-check,
 * the static-import closure of the entry is also followed through the files themselves; a
 * statically imported chunk missing from the preload links is counted as up-front too. Every
 * other chunk is lazy (loaded by a dynamic `import()` on the screen that needs it).
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

export const SIZE_BUDGET_KB = 100;
export const defaultDist = path.resolve(import.meta.dirname, '../client/dist');

export interface Chunk {
  file: string;
  bytes: number;
  gzipBytes: number;
}
export interface PhoneDownload {
  entry: string;
  /** Entry first, then its static imports. */
  initial: Chunk[];
  lazy: Chunk[];
  css: Chunk[];
  /** Static imports found in the code but not announced by a modulepreload link. */
  unannounced: string[];
  initialGzipKb: number;
  lazyGzipKb: number;
}

const attr = (tag: string, name: string) => tag.match(new RegExp(`\\s${name}\\s*=\\s*["']([^"']*)["']`, 'i'))?.[1] ?? null;

/** `/assets/x.js` (or `./assets/x.js`, or with a base path) → the file's path relative to dist. */
function distPath(dist: string, ref: string): string | null {
  if (/^[a-z]+:\/\//i.test(ref) || ref.startsWith('//')) return null; // another origin: not ours
  const clean = ref.split(/[?#]/)[0]!.replace(/^\.?\//, '');
  const parts = clean.split('/');
  // Strip a base path prefix (e.g. /app/assets/x.js) until the file exists.
  for (let i = 0; i < parts.length; i++) {
    const rel = parts.slice(i).join('/');
    if (fs.existsSync(path.join(dist, rel))) return rel;
  }
  return null;
}

function chunk(dist: string, rel: string): Chunk {
  const buf = fs.readFileSync(path.join(dist, rel));
  return { file: rel, bytes: buf.length, gzipBytes: zlib.gzipSync(buf, { level: 9 }).length };
}

/** Relative static imports of a built module (`import{a}from"./x.js"`, `import"./y.js"`, `export*from"./z.js"`). */
function staticImports(dist: string, rel: string): string[] {
  const code = fs.readFileSync(path.join(dist, rel), 'utf8');
  const found = new Set<string>();
  const re = /(?:^|[;\s})])(?:import|export)\s*(?:[\w$*{}\s,]*?\s*from\s*)?["'](\.{1,2}\/[^"']+)["']/g;
  for (const m of code.matchAll(re)) {
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(rel), m[1]!));
    if (fs.existsSync(path.join(dist, target))) found.add(target);
  }
  return [...found];
}

function allFiles(dir: string, base = ''): string[] {
  return fs.readdirSync(path.join(dir, base), { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? allFiles(dir, path.posix.join(base, d.name)) : [path.posix.join(base, d.name)],
  );
}

export function phoneDownload(dist = defaultDist): PhoneDownload | null {
  const indexFile = path.join(dist, 'index.html');
  if (!fs.existsSync(indexFile)) return null;
  const html = fs.readFileSync(indexFile, 'utf8');
  const tags = html.match(/<(script|link)\b[^>]*>/gi) ?? [];
  const entries: string[] = [];
  const preloads: string[] = [];
  const styles: string[] = [];
  for (const tag of tags) {
    if (/^<script/i.test(tag) && attr(tag, 'type') === 'module' && attr(tag, 'src')) entries.push(attr(tag, 'src')!);
    if (/^<link/i.test(tag) && attr(tag, 'rel') === 'modulepreload' && attr(tag, 'href')) preloads.push(attr(tag, 'href')!);
    if (/^<link/i.test(tag) && attr(tag, 'rel') === 'stylesheet' && attr(tag, 'href')) styles.push(attr(tag, 'href')!);
  }
  const resolved = (refs: string[]) => refs.map((r) => distPath(dist, r)).filter((r): r is string => r !== null);
  const entryFiles = resolved(entries);
  if (!entryFiles.length) throw new Error(`${indexFile} has no <script type="module" src> that exists in ${dist}`);
  const announced = [...entryFiles, ...resolved(preloads)];

  // Follow static imports from the entry, to catch anything the preload links leave out.
  const closure = new Set<string>();
  const queue = [...entryFiles];
  while (queue.length) {
    const f = queue.shift()!;
    if (closure.has(f) || !f.endsWith('.js')) continue;
    closure.add(f);
    queue.push(...staticImports(dist, f));
  }
  const unannounced = [...closure].filter((f) => !announced.includes(f));
  const initialFiles = [...new Set([...announced, ...unannounced])].filter((f) => f.endsWith('.js') || f.endsWith('.mjs'));
  const initial = initialFiles.map((f) => chunk(dist, f));
  const lazy = allFiles(dist)
    .filter((f) => (f.endsWith('.js') || f.endsWith('.mjs')) && !initialFiles.includes(f))
    .map((f) => chunk(dist, f))
    .sort((a, b) => b.gzipBytes - a.gzipBytes);
  const css = resolved(styles).map((f) => chunk(dist, f));
  const kb = (cs: Chunk[]) => cs.reduce((a, c) => a + c.gzipBytes, 0) / 1024;
  return { entry: entryFiles[0]!, initial, lazy, css, unannounced, initialGzipKb: kb(initial), lazyGzipKb: kb(lazy) };
}

export function printPhoneDownload(d: PhoneDownload): void {
  const row = (c: Chunk, note = '') => `  ${c.file.padEnd(44)} ${(c.bytes / 1024).toFixed(1).padStart(7)} kB ${(c.gzipBytes / 1024).toFixed(1).padStart(7)} kB gzip${note}`;
  console.log('Up front (entry and modulepreload chunks):');
  for (const c of d.initial) console.log(row(c, c.file === d.entry ? '  (entry)' : d.unannounced.includes(c.file) ? '  (static import without a preload link)' : ''));
  console.log('Lazy (dynamic import, loaded by the screen that needs it):');
  for (const c of d.lazy) console.log(row(c));
  if (d.css.length) {
    console.log('Stylesheets up front (not counted in the JavaScript budget):');
    for (const c of d.css) console.log(row(c));
  }
  const ok = d.initialGzipKb <= SIZE_BUDGET_KB;
  console.log(`\nPhone JavaScript before the first note: ${d.initialGzipKb.toFixed(1)} kB gzip — budget ${SIZE_BUDGET_KB} kB ${ok ? '✓' : '✗'}`);
  console.log(`Lazy JavaScript: ${d.lazyGzipKb.toFixed(1)} kB gzip in ${d.lazy.length} chunks`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  const dist = process.argv[2] ? path.resolve(process.argv[2]) : defaultDist;
  const d = phoneDownload(dist);
  if (!d) {
    console.error(`${path.join(dist, 'index.html')} is missing: run \`npm run build\` first`);
    process.exit(1);
  }
  printPhoneDownload(d);
  console.log(JSON.stringify({ size: { initial_js_gzip_kb: round1(d.initialGzipKb), lazy_js_gzip_kb: round1(d.lazyGzipKb), budget_kb: SIZE_BUDGET_KB, files: d.initial.map((c) => c.file) } }));
}

function round1(x: number) {
  return Math.round(x * 10) / 10;
}

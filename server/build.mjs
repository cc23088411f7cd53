/**
 * Build the server into plain JavaScript (server/dist/): `npm start`, the bench and the tests that
 * run the server as a process of its own run this, not the TypeScript through tsx. tsx compiles
 * with esbuild's `keepNames`, which wraps every function a note's handling creates in a call that
 * sets its name (work on every note that a build does not need), and its loader takes ≈ 20 MB of
 * the server's memory. The workspace's own code (server and @tavla/shared) is bundled; packages
 * from node_modules stay imports, resolved at run time as before. Source maps are written beside
 * the code, for `node --enable-source-maps server/dist/main.js` when a stack trace should name the
 * TypeScript lines (loading them costs the server ≈ 12 MB, so `npm start` does not).
 */
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

const here = import.meta.dirname;
const deps = (dir) => Object.keys(JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).dependencies ?? {});
const external = [...deps(here), ...deps(path.join(here, '../shared'))].filter((d) => !d.startsWith('@tavla/'));

const outdir = path.join(here, 'dist');
fs.rmSync(outdir, { recursive: true, force: true }); // chunks are named by content: no stale ones

await build({
  // The report thread (src/report/writers.ts) is a file of its own, beside main.js.
  entryPoints: { main: path.join(here, 'src/main.ts'), 'report-thread': path.join(here, 'src/report/thread.ts') },
  outdir,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external,
  // What the server imports only when needed stays in chunks of its own, so its packages load
  // on first use, not at start.
  splitting: true,
  sourcemap: true,
  logLevel: 'warning',
});

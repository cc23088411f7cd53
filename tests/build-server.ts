import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * The integration tests that start the server as a process of its own run the built server
 * (server/dist/main.js), as `npm start` does; build it from the current source first.
 */
export default function buildServer() {
  execFileSync(process.execPath, ['server/build.mjs'], { cwd: path.resolve(import.meta.dirname, '..'), stdio: 'inherit' });
}

import { ConfigError, configFromEnv, type Config } from './config.js';
import { createApp, joinBaseUrl, lanAddresses } from './app.js';
import { openSqliteStore } from './store/sqlite.js';

let config: Config;
try {
  config = configFromEnv();
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(`Tavla cannot start: ${err.message}.`);
  process.exit(1);
}
const store = openSqliteStore(config.dataDir);
const app = createApp(config, store);
const port = await app.listen();

const local = `http://localhost:${port}`;
console.log(`
Tavla is running.
  Facilitator (this machine):   ${local}/
  Phones on the same network:   ${joinBaseUrl(config, port)}/j
${lanAddresses().length > 1 ? `  Other addresses of this machine: ${lanAddresses().slice(1).map((a) => `http://${a}:${port}`).join(', ')}\n` : ''}  Data folder:                  ${config.dataDir}
Stop with Ctrl+C.
`);

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    // Commands run to completion synchronously; closing waits for open requests and sockets.
    app.close().then(() => process.exit(0), () => process.exit(1));
    setTimeout(() => process.exit(1), 10_000).unref();
  });
}

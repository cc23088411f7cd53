/**
 * Seminars as files, from the command line, on the data folder itself (TAVLA_DATA_DIR, as the
 * server; it may be running meanwhile):
 *
 *   npm run seminar -- list
 *   npm run seminar -- export <seminar id or join code> [file.json]
 *   npm run seminar -- import <file.json> [--owner <facilitator name>]
 *   npm run seminar -- report <seminar id or join code> md|docx|pdf [file]
 *   npm run demo                       (= npm run seminar -- demo [--owner <name>])
 *
 * Without a file, export and report write to standard output. An import belongs to --owner, or
 * to the oldest facilitator account; it is checked whole first and refused with a message (exit
 * code 1) without storing anything.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { emptyState, fold, normaliseJoinCode } from '@tavla/shared';
import { dataDirFromEnv } from './config.js';
import { openSqliteStore } from './store/sqlite.js';
import { importDemo, importSeminar, seminarDownload, type ReportFormat } from './exchange.js';
import type { Store } from './store/store.js';

const USAGE = `usage:
  npm run seminar -- list
  npm run seminar -- export <seminar id or join code> [file.json]
  npm run seminar -- import <file.json> [--owner <facilitator name>]
  npm run seminar -- report <seminar id or join code> md|docx|pdf [file]
  npm run demo [-- --owner <facilitator name>]
Data folder: TAVLA_DATA_DIR (now ${dataDirFromEnv()}).`;

class CliError extends Error {}

function owner(store: Store, name: string | undefined): { id: string; name: string } {
  if (name) {
    const found = store.facilitatorByName(name);
    if (!found) throw new CliError(`no facilitator account is named "${name}"`);
    return found;
  }
  const first = store.facilitators()[0];
  if (!first) throw new CliError('there is no facilitator account yet: start Tavla (npm start), create the first account in the browser, then run this again');
  return first;
}

function seminar(store: Store, ref: string | undefined) {
  if (!ref) throw new CliError('which seminar? give its id or join code (npm run seminar -- list)');
  const row = store.seminarById(ref) ?? store.seminarByCode(normaliseJoinCode(ref));
  if (!row) throw new CliError(`no seminar has the id or code "${ref}"`);
  return fold(emptyState(), store.read(row.id, 0));
}

function write(body: Buffer | string, file: string | undefined, what: string) {
  if (file) {
    fs.writeFileSync(file, body);
    console.error(`${what} written to ${file}`);
  } else process.stdout.write(body);
}

export async function runCli(argv: string[], store: Store): Promise<void> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { owner: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  const [command, ...args] = positionals;
  switch (command) {
    case 'list': {
      for (const f of store.facilitators())
        for (const s of store.seminarsOf(f.id).filter((s) => s.ownerId === f.id)) console.log(`${s.id}  ${s.joinCode}  ${s.date}  ${s.title}  (${f.name})`);
      return;
    }
    case 'export': {
      const state = seminar(store, args[0]);
      write((await seminarDownload(state, 'json')).body, args[1], 'the seminar');
      return;
    }
    case 'report': {
      const format = args[1] as ReportFormat;
      if (!['md', 'docx', 'pdf'].includes(format)) throw new CliError('report format: md, docx or pdf');
      if (format !== 'md' && !args[2] && process.stdout.isTTY) throw new CliError(`give a file name to write the ${format} to`);
      write((await seminarDownload(seminar(store, args[0]), format)).body, args[2], 'the report');
      return;
    }
    case 'import':
    case 'demo': {
      if (command === 'import' && !args[0]) throw new CliError('which file? npm run seminar -- import <file.json>');
      const who = owner(store, values.owner);
      let result;
      if (command === 'demo') result = importDemo(store, who.id);
      else {
        let text: string;
        try {
          text = fs.readFileSync(args[0]!, 'utf8');
        } catch (err) {
          throw new CliError(`cannot read ${args[0]}: ${(err as Error).message}`);
        }
        result = importSeminar(store, text, who.id);
      }
      if (!result.ok) throw new CliError(`not imported: ${result.message}`);
      console.log(`Imported "${result.title}" for ${who.name}: seminar ${result.id}, join code ${result.joinCode}.`);
      console.log(`Open /f/${result.id} (console) or /f/${result.id}/report (report) on the Tavla server.`);
      return;
    }
    default:
      console.log(USAGE);
      if (!values.help) throw new CliError(command ? `unknown command "${command}"` : 'no command given');
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const store = openSqliteStore(dataDirFromEnv());
  try {
    await runCli(process.argv.slice(2), store);
  } catch (err) {
    console.error(err instanceof CliError ? `tavla: ${err.message}` : err);
    process.exitCode = 1;
  } finally {
    store.close();
  }
}

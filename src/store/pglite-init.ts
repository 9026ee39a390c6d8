/**
 * `node pglite-init.js <dataDir>`: creates a NEW PGlite data folder (initdb), applies the migrations and
 * exits. db.ts runs it as a child process before the gateway opens the folder, because the WebAssembly
 * memory initdb grows is never given back while the process lives (measured: ~840 MB idle after a
 * gateway initialised its folder itself, ~350 MB when it opens an existing one; a worker thread
 * that initialises and ends still left ~440 MB).
 */
import { PGlite } from '@electric-sql/pglite';
import { pgliteSession } from './db.js';
import { migrate } from './migrate.js';

const dataDir = process.argv[2];
if (!dataDir) {
  process.stderr.write('usage: pglite-init <dataDir>\n');
  process.exit(2);
}
const lite = await PGlite.create(dataDir);
await migrate(pgliteSession(lite));
await lite.close();

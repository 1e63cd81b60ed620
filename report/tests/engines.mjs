// The two DuckDB engines of the report, checked before the browser test:
// 1. the report package's DuckDB file opens read-only with the native DuckDB that Evidence's
//    connector bundles (@duckdb/node-api), and holds every mart the sources read;
// 2. the Parquet files the site serves are read by the DuckDB-WASM build that readers' browsers run,
//    with no extension to fetch (Parquet must be linked in: docs/report_evidence_findings.md).
// usage: node tests/engines.mjs <package.duckdb> <site data folder>
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

const [dbFile, dataDir] = process.argv.slice(2);
if (!dbFile || !dataDir) {
  console.error('usage: node tests/engines.mjs <package.duckdb> <site data folder>');
  process.exit(2);
}
const require = createRequire(import.meta.url);
const failures = [];

// 1. The connector's native DuckDB on the package file.
const connector = dirname(require.resolve('@evidence-dev/duckdb/package.json'));
const { DuckDBInstance } = await import(require.resolve('@duckdb/node-api', { paths: [connector] }));
const instance = await DuckDBInstance.create(resolve(dbFile), { access_mode: 'READ_ONLY' });
const con = await instance.connect();
const rows = async (sql) => (await con.runAndReadAll(sql)).getRowObjectsJson();
const [{ version }] = await rows('select version() as version');
const tables = new Set((await rows('select table_name from duckdb_tables()')).map((r) => r.table_name));
const wanted = new Set();
for (const file of readdirSync('sources/ids_report').filter((f) => f.endsWith('.sql'))) {
  const sql = readFileSync(join('sources/ids_report', file), 'utf8');
  for (const m of sql.matchAll(/\b(?:from|join)\s+([a-z_][a-z0-9_]*)/gi)) {
    if (/^(rpt|agg|fct|dim)_/.test(m[1])) wanted.add(m[1]);
  }
}
for (const t of wanted) if (!tables.has(t)) failures.push(`the package has no ${t}`);
if (wanted.has('fct_contract_payments')) failures.push('a source reads fct_contract_payments');
console.log(`native DuckDB ${version} (connector) opened ${dbFile} read-only: ${tables.size} tables, ` +
  `the sources read ${[...wanted].sort().join(', ')}`);

// 2. The readers' DuckDB-WASM (the copy Evidence's client bundles) on the site's Parquet files.
const usql = dirname(dirname(require.resolve('@evidence-dev/universal-sql')));
const wasmDir = dirname(require.resolve('@duckdb/duckdb-wasm', { paths: [usql] }));
const wasmVersion = JSON.parse(readFileSync(join(wasmDir, '..', 'package.json'), 'utf8')).version;
const duckdbWasm = require(join(wasmDir, 'duckdb-node-blocking.cjs'));
const db = await duckdbWasm.createDuckDB({
  mvp: { mainModule: join(wasmDir, 'duckdb-mvp.wasm'), mainWorker: join(wasmDir, 'duckdb-node-mvp.worker.cjs') },
  eh: { mainModule: join(wasmDir, 'duckdb-eh.wasm'), mainWorker: join(wasmDir, 'duckdb-node-eh.worker.cjs') },
}, new duckdbWasm.VoidLogger(), duckdbWasm.NODE_RUNTIME);
await db.instantiate();
db.open({});
const wcon = db.connect();
// Never fetch: an extension that is not linked in fails here instead of hanging on the network.
wcon.query("SET autoinstall_known_extensions = false");
wcon.query("SET autoload_known_extensions = false");
const wasmEngine = wcon.query('select version() as v').toArray()[0].toJSON().v;
const parquet = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith('.parquet')) parquet.push(path);
  }
};
walk(dataDir);
if (!parquet.length) failures.push(`no Parquet file under ${dataDir}`);
let nRows = 0;
for (const file of parquet) {
  try {
    nRows += Number(wcon.query(`select count(*) as n from read_parquet('${resolve(file)}')`).toArray()[0].toJSON().n);
  } catch (err) {
    failures.push(`DuckDB-WASM cannot read ${file}: ${String(err).slice(0, 200)}`);
  }
}
console.log(`DuckDB-WASM ${wasmVersion} (DuckDB ${wasmEngine}, the readers' engine) read ` +
  `${parquet.length} Parquet files of the site (${nRows} rows) with no extension`);
for (const f of failures) console.log(`FAIL ${f}`);
process.exit(failures.length ? 1 : 0);

// Run after `npm ci`: makes Evidence 40's DuckDB-WASM client start on DuckDB-WASM 1.28.0 (pinned by
// "overrides" in package.json), the last DuckDB-WASM build that links Parquet, so that neither
// `evidence sources` nor a reader's browser fetches the Parquet extension from the network
// (docs/report_evidence_findings.md). Evidence sets two options that DuckDB 0.9.1 does not know and
// that only restore DuckDB 0.9's own behaviour (division by zero gives NULL; implicit casts to
// VARCHAR), so on 0.9.1 they are dropped without changing a result. Idempotent; fails when the
// installed versions are not the ones this was written for, or the lines are not found.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const EXPECTED = { '@evidence-dev/universal-sql': '3.0.1', '@duckdb/duckdb-wasm': '1.28.0' };
// The package as node resolves it from `from`: the nearest node_modules/<name> upwards.
function packageDir(name, from) {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir) throw new Error(`patch_evidence: ${name} is not installed (npm ci first)`);
  }
}
const EVIDENCE = packageDir('@evidence-dev/evidence', '.');
const USQL = packageDir('@evidence-dev/universal-sql', EVIDENCE);
const WASM = packageDir('@duckdb/duckdb-wasm', USQL);
const found = {
  '@evidence-dev/universal-sql': JSON.parse(readFileSync(join(USQL, 'package.json'), 'utf8')).version,
  '@duckdb/duckdb-wasm': JSON.parse(readFileSync(join(WASM, 'package.json'), 'utf8')).version,
};
for (const [name, version] of Object.entries(EXPECTED)) {
  if (found[name] !== version) {
    console.error(`patch_evidence: ${name} is ${found[name]}, this patch is for ${version}`);
    process.exit(1);
  }
}
const STATEMENTS = ["SET ieee_floating_point_ops = false;", "SET old_implicit_casting = true;"];
for (const file of ['browser.js', 'node.js']) {
  const path = join(USQL, 'src', 'client-duckdb', file);
  let text = readFileSync(path, 'utf8');
  for (const stmt of STATEMENTS) {
    const call = `await connection.query('${stmt}');`;
    const done = `/* ids: not on DuckDB 0.9 */ void '${stmt}';`;
    if (text.includes(done)) continue;
    if (!text.includes(call)) {
      console.error(`patch_evidence: "${call}" not found in ${path}`);
      process.exit(1);
    }
    text = text.replace(call, done);
  }
  writeFileSync(path, text);
}
console.log(`patch_evidence: universal-sql ${found['@evidence-dev/universal-sql']} on duckdb-wasm ` +
  `${found['@duckdb/duckdb-wasm']} (Parquet linked in): ok`);

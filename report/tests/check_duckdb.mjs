// The report's DuckDB file must open with the DuckDB the report bundles (@duckdb/node-api, used by
// @evidence-dev/duckdb to run the source queries): a file written by a newer DuckDB than the
// bundled one fails here, before Evidence gives a vaguer error. Prints each table's row count.
import { DuckDBInstance, version } from '@duckdb/node-api';

const file = process.argv[2];
if (!file) {
  console.error('usage: node tests/check_duckdb.mjs <file.duckdb>');
  process.exit(2);
}
try {
  const instance = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY' });
  const con = await instance.connect();
  const tables = (
    await con.runAndReadAll(
      "select table_name from information_schema.tables where table_schema = 'main' order by 1"
    )
  ).getRows().map((r) => r[0]);
  if (tables.length === 0) throw new Error('the file holds no table');
  console.log(`${file} opens with the bundled DuckDB ${version()}:`);
  for (const t of tables) {
    const n = (await con.runAndReadAll(`select count(*) from main."${t}"`)).getRows()[0][0];
    console.log(`  ${t}: ${n} rows`);
  }
  con.closeSync();
} catch (err) {
  console.error(`${file} does not open with the bundled DuckDB ${version()}: ${err.message}`);
  process.exit(1);
}

"""The dbt-duckdb plugin registers the name functions as DuckDB UDFs that behave like them."""

from __future__ import annotations

import duckdb
import pytest
from dbt.adapters.duckdb.plugins import BasePlugin

from ids import names
from ids.udf_plugin import UDFS, Plugin, register_udfs

SAMPLES = ["Maria", "José Peña", "O'Brien", "De La Cruz", "SMITH JR", "Smith, Jr.", "Bill",
           "Chuy", "unknown", "", "  ", None]

EXPECTED_NAMES = {
    "ids_clean_name", "ids_name_key", "ids_strip_suffix", "ids_extract_suffix",
    "ids_first_name_canon", "ids_first_name_group", "ids_nysiis", "ids_metaphone", "ids_soundex", "ids_hmac_key",
}
NAME_UDFS = [u for u in UDFS if u.name != "ids_hmac_key"]


@pytest.fixture
def conn() -> duckdb.DuckDBPyConnection:
    with duckdb.connect() as c:
        register_udfs(c)
        c.execute("create table samples (v varchar)")
        c.executemany("insert into samples values (?)", [[s] for s in SAMPLES])
        yield c


def test_all_udfs_listed() -> None:
    assert {u.name for u in UDFS} == EXPECTED_NAMES


@pytest.mark.parametrize("udf", UDFS, ids=lambda u: u.name)
def test_udf_matches_python(conn: duckdb.DuckDBPyConnection, udf) -> None:
    rows = conn.sql(f"select v, {udf.name}(v) from samples").fetchall()
    assert len(rows) == len(SAMPLES)
    for value, result in rows:
        assert result == udf.function(value), value


def test_udf_examples(conn: duckdb.DuckDBPyConnection) -> None:
    row = conn.sql(
        """
        select ids_clean_name('José Peña'), ids_name_key('De La Cruz'),
               ids_strip_suffix('Smith, Jr.'), ids_extract_suffix('SMITH III'),
               ids_first_name_canon('Bill'), ids_nysiis('John') = ids_nysiis('Jon'),
               ids_metaphone('Katherine') = ids_metaphone('Catherine'), ids_soundex('Robert')
        """
    ).fetchone()
    assert row == ("JOSE PENA", "DELACRUZ", "SMITH", "III", "WILLIAM", True, True, "R163")


def test_null_and_placeholder_give_null(conn: duckdb.DuckDBPyConnection) -> None:
    for udf in NAME_UDFS:
        assert conn.sql(f"select {udf.name}(null)").fetchone() == (None,)
        assert conn.sql(f"select {udf.name}('UNKNOWN')").fetchone() == (None,)
        # an all-null column and an empty table work too
        nulls = conn.sql(f"select {udf.name}(null::varchar) from range(3)").fetchall()
        assert nulls == [(None,)] * 3
        assert conn.sql(f"select {udf.name}(v) from samples where false").fetchall() == []


def test_many_rows_with_repeats(conn: duckdb.DuckDBPyConnection) -> None:
    # several vector batches, repeated values and nulls mixed: same as row-by-row Python
    rows = conn.sql(
        """
        select v, ids_first_name_canon(v)
        from (select case when i % 5 = 0 then null
                          else (['Bill', 'Liz', 'Maria', 'chuy', 'unknown'])[i % 5 + 1] end as v
              from range(10000) t(i))
        """
    ).fetchall()
    assert len(rows) == 10000
    assert all(out == names.canonical_first_name(v) for v, out in rows)


def test_functions_are_deterministic_in_catalog(conn: duckdb.DuckDBPyConnection) -> None:
    rows = conn.sql(
        "select function_name, stability from duckdb_functions() where function_name like 'ids_%'"
    ).fetchall()
    assert {r[0] for r in rows} == EXPECTED_NAMES
    assert {r[1] for r in rows} == {"CONSISTENT"}


def test_register_is_idempotent(conn: duckdb.DuckDBPyConnection) -> None:
    register_udfs(conn)
    register_udfs(conn)
    assert conn.sql("select ids_name_key('O''Brien')").fetchone() == ("OBRIEN",)
    # cursors (one per dbt thread) share the catalog
    assert conn.cursor().sql("select ids_soundex('Robert')").fetchone() == ("R163",)


def test_register_from_second_connection_to_same_database(tmp_path) -> None:
    path = str(tmp_path / "w.duckdb")
    with duckdb.connect(path) as first, duckdb.connect(path) as second:
        register_udfs(first)
        register_udfs(second)  # same database instance: already there, kept
        assert second.sql("select ids_clean_name('peña')").fetchone() == ("PENA",)


def test_dbt_duckdb_plugin_loader() -> None:
    plugin = BasePlugin.create("ids.udf_plugin", config={})
    assert isinstance(plugin, Plugin)
    assert plugin.name == "udf_plugin"
    with duckdb.connect() as c:
        plugin.configure_connection(c)
        plugin.configure_connection(c)  # a connection may be configured twice
        assert c.sql("select ids_first_name_canon('Pepe')").fetchone() == ("JOSE",)


def test_dbt_duckdb_environment_configures_connection() -> None:
    # the path dbt itself takes: profile plugins -> Environment.initialize_db -> cursor
    from dbt.adapters.duckdb.credentials import DuckDBCredentials
    from dbt.adapters.duckdb.environments import Environment

    creds = DuckDBCredentials.from_dict(
        {"database": "memory", "schema": "main", "path": ":memory:",
         "plugins": [{"module": "ids.udf_plugin"}]}
    )
    plugins = Environment.initialize_plugins(creds)
    conn = Environment.initialize_db(creds, plugins)
    try:
        cursor = Environment.initialize_cursor(creds, conn.cursor(), plugins)
        assert cursor.execute("select ids_clean_name('José Peña')").fetchall() == [("JOSE PENA",)]
    finally:
        conn.close()


def test_hmac_key_udf_is_salted(conn: duckdb.DuckDBPyConnection, monkeypatch) -> None:
    import hashlib
    import hmac

    from ids import keys

    assert conn.sql("select ids_hmac_key(null)").fetchone() == (None,)
    demo = conn.sql("select ids_hmac_key('person:42')").fetchone()[0]
    expected = hmac.new(keys.DEMO_SALT.encode(), b"person:42", hashlib.sha256).hexdigest()
    assert demo == expected
    assert demo != hashlib.sha256(b"person:42").hexdigest()
    monkeypatch.setenv(keys.SALT_ENV_VAR, "another secret")
    assert keys.hmac_key("person:42") != demo
    assert not keys.salt_is_default()

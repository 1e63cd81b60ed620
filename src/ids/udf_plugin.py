"""dbt-duckdb plugin that registers the project's name functions (and the loader's file readers) as UDFs.

Loaded by dbt-duckdb from ``profiles.yml``::

    plugins:
      - module: ids.udf_plugin

dbt-duckdb imports the module, instantiates :class:`Plugin` and calls
:meth:`Plugin.configure_connection` on the connection it opens; the UDFs live in that database
instance's catalog, so every cursor dbt derives from the connection (one per thread) sees them.

Every UDF is ``VARCHAR -> VARCHAR``, deterministic (``side_effects=False``, so DuckDB may fold and
cache calls), and null in gives null out. The functions return NULL for some non-null inputs too
(``'UNKNOWN'``, ``''``), which DuckDB only allows with ``null_handling='special'``; that is why it
is set. They are registered as *Arrow* (vectorized) UDFs: each batch is dictionary-encoded so the
Python function runs once per distinct value in the batch, which is about 10x faster than the
row-at-a-time native UDF on typical name columns.

To add a UDF, add one line to :data:`UDFS`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import duckdb
import pyarrow as pa
from dbt.adapters.duckdb.plugins import BasePlugin
from duckdb.sqltypes import VARCHAR, DuckDBPyType

from ids import extract_reader, keys, names

__all__ = ["LOADER_FUNCTIONS", "UDF", "UDFS", "Plugin", "register_loader_functions", "register_udfs"]


@dataclass(frozen=True)
class UDF:
    """One scalar UDF: SQL name, the pure Python function behind it, and its signature."""

    name: str
    function: Callable[[str | None], str | None]
    parameters: tuple[DuckDBPyType, ...] = (VARCHAR,)
    return_type: DuckDBPyType = VARCHAR


#: Every UDF the plugin registers (one line each).
UDFS: tuple[UDF, ...] = (
    UDF("ids_clean_name", names.clean_name),
    UDF("ids_name_key", names.name_key),
    UDF("ids_strip_suffix", names.strip_suffix),
    UDF("ids_extract_suffix", names.extract_suffix),
    UDF("ids_first_name_canon", names.canonical_first_name),
    UDF("ids_first_name_group", names.nickname_group),
    UDF("ids_nysiis", names.nysiis),
    UDF("ids_metaphone", names.metaphone),
    UDF("ids_soundex", names.soundex),
    # Salted HMAC-SHA256 (salt from IDS_KEY_SALT, read here, never from SQL): the marts' keys.
    UDF("ids_hmac_key", keys.hmac_key),
)


def _vectorized(func: Callable[[str | None], str | None]) -> Callable[[Any], pa.Array]:
    """Wrap a ``str | None -> str | None`` function as an Arrow UDF body.

    The batch is dictionary-encoded, ``func`` runs once per distinct non-null value, and the
    results are gathered back by index; null inputs have null indices and so give null.
    """

    def udf(values: pa.Array | pa.ChunkedArray) -> pa.Array:
        if isinstance(values, pa.ChunkedArray):
            values = values.combine_chunks()
        encoded = values.dictionary_encode()
        mapped = pa.array([func(v) for v in encoded.dictionary.to_pylist()], type=pa.string())
        return mapped.take(encoded.indices)

    udf.__name__ = getattr(func, "__name__", "udf")
    udf.__doc__ = func.__doc__
    return udf


def _create(conn: duckdb.DuckDBPyConnection, udf: UDF) -> None:
    conn.create_function(
        udf.name,
        _vectorized(udf.function),
        list(udf.parameters),
        udf.return_type,
        type="arrow",
        null_handling="special",
        side_effects=False,
    )


def register_udfs(conn: duckdb.DuckDBPyConnection) -> None:
    """Register every UDF in :data:`UDFS` on ``conn``. Idempotent.

    Registering twice on the same connection replaces the function. If another connection to the
    same database instance registered it already (the catalog is shared, and DuckDB lets only the
    registering connection remove it), the existing one is kept: it is the same function.
    """
    for udf in UDFS:
        try:
            _create(conn, udf)
        except (duckdb.NotImplementedException, duckdb.CatalogException):
            try:
                conn.remove_function(udf.name)
            except duckdb.InvalidInputException:
                continue  # registered through another connection to this database
            _create(conn, udf)


def register_salt_check(conn: duckdb.DuckDBPyConnection) -> None:
    """``ids_key_salt_is_default()``: true when keys are made with the public demo salt.

    Lets the build warn in folder mode without the salt ever passing through Jinja or SQL text.
    """
    try:
        conn.remove_function("ids_key_salt_is_default")
    except (duckdb.InvalidInputException, duckdb.CatalogException):
        pass
    try:
        conn.create_function(
            "ids_key_salt_is_default", keys.salt_is_default, [], duckdb.sqltypes.BOOLEAN,
            side_effects=False,
        )
    except (duckdb.NotImplementedException, duckdb.CatalogException):
        pass  # registered through another connection to this database


#: The loader's file functions (macros/loading/load_extracts.sql): (name, function, arity). They read
#: and write files, so they are registered with ``side_effects=True`` and are never folded or cached.
LOADER_FUNCTIONS: tuple[tuple[str, Callable[..., str], int], ...] = (
    ("ids_normalize_csv", extract_reader.normalize_csv_json, 3),
    ("ids_inspect_parquet", extract_reader.inspect_parquet, 1),
    ("ids_remove_file", extract_reader.remove_file, 1),
    ("ids_scan_extract_folder", extract_reader.scan_folder_json, 2),
)


def register_loader_functions(conn: duckdb.DuckDBPyConnection) -> None:
    """Register :data:`LOADER_FUNCTIONS` (VARCHAR arguments, VARCHAR result). Idempotent."""
    for name, function, arity in LOADER_FUNCTIONS:
        try:
            conn.remove_function(name)
        except (duckdb.InvalidInputException, duckdb.CatalogException):
            pass
        try:
            conn.create_function(name, function, [VARCHAR] * arity, VARCHAR, side_effects=True)
        except (duckdb.NotImplementedException, duckdb.CatalogException):
            pass  # registered through another connection to this database


class Plugin(BasePlugin):
    """dbt-duckdb plugin: registers :data:`UDFS` on every connection dbt-duckdb configures."""

    def configure_connection(self, conn: duckdb.DuckDBPyConnection) -> None:
        register_udfs(conn)
        register_salt_check(conn)
        register_loader_functions(conn)

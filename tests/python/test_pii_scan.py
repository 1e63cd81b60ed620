"""The marts' scans find planted leaks and pass clean columns.

The PII scan (macros/marts/pii_scan.sql) over a scratch table: every leaky column must be reported
with its reason, and no clean column (a salted key, codes, a county, a boolean flag) may be. The
small-cell scan (macros/marts/suppression.sql) over the same table: only the planted count of 1 to
10 is reported, not 0, 11 or a null (suppressed) count. One `dbt show` runs both.
"""

from __future__ import annotations

import json

import duckdb

from conftest import DbtProject

# (column, value, expected hit reason or None when the column is clean)
COLUMNS: list[tuple[str, str, str | None]] = [
    ("person_key", "'0d30db051ffa13e1aff21c3c24ffe04c2e7546132d72693caa8ddee3804a6c76'", None),
    ("service", "'TANF'", None),
    ("race_code", "'WHITE'", None),
    ("county_fips", "'08041'", None),
    ("has_valid_ssn", "true", None),
    ("label", "'Case of Maria Garcia'", "PERSON_NAME"),
    ("reference_code", "'123-45-6789'", "SSN_LIKE_VALUE"),
    ("origin", "'dhs E0006170'", "SOURCE_PERSON_ID"),
    ("born_on", "'2019-08-22'", "DOB"),
    ("internal", "'P6e5a6afd689d074e'", "INTERNAL_PERSON_ID"),
    ("notes", "'called back'", "DENIED_COLUMN_NAME"),
    ("client_ssn_last4", "'1234'", "DENIED_COLUMN_NAME"),
    ("zip5", "'12345'", "DENIED_COLUMN_NAME"),
    ("n_small", "7", None),
    ("n_zero", "0", None),
    ("n_eleven", "11", None),
    ("n_suppressed", "cast(null as integer)", None),
]

DENY_VALUES = " union all ".join(
    f"select '{value}' as value, '{reason}' as reason"
    for value, reason in [
        ("GARCIA", "PERSON_NAME"),
        ("WHITE", "PERSON_NAME_BUT_A_CODE_IN_THE_REAL_DENY_SET"),
        ("E0006170", "SOURCE_PERSON_ID"),
        ("2019-08-22", "DOB"),
        ("P6E5A6AFD689D074E", "INTERNAL_PERSON_ID"),
    ]
)


def test_pii_scan_finds_planted_leaks(dbt_project: DbtProject) -> None:
    select_list = ", ".join(f"{value} as {name}" for name, value, _ in COLUMNS)
    with duckdb.connect(str(dbt_project.db_path)) as con:
        con.sql(f"create table main.leaky as select {select_list}")
    # WHITE is denied here only to show that the fixture deny set is used as given; drop it
    deny = DENY_VALUES.replace(
        " union all select 'WHITE' as value, 'PERSON_NAME_BUT_A_CODE_IN_THE_REAL_DENY_SET' as reason", ""
    )
    relation = "api.Relation.create(database='ids', schema='main', identifier='leaky')"
    inline = (
        f'{{{{ ids_pii_scan({relation}, deny_values="{deny}") }}}} union all '
        f"select column_name, 'SMALL_CELL' as hit_reason, cast(small_count as varchar) as example_value "
        f"from ({{{{ ids_small_cell_scan({relation}) }}}}) as small_cells"
    )
    result = dbt_project.dbt("show", "--output", "json", "--limit", "1000", "--inline", inline)
    assert result.returncode == 0, result.stdout[-3000:]
    payload = result.stdout[result.stdout.index("{"):result.stdout.rindex("}") + 1]
    hits = {(row["column_name"], row["hit_reason"]) for row in json.loads(payload)["show"]}
    expected = {(name, reason) for name, _, reason in COLUMNS if reason is not None}
    expected.add(("n_small", "SMALL_CELL"))
    assert hits == expected


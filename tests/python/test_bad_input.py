"""Bad partner input never crashes the build and is never silently dropped (folder mode).

Each test builds the staging layer (with its data tests; the dbt unit tests, which mock their inputs,
run in test-dbt) from a scratch folder of extracts into a scratch DuckDB file.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from conftest import DbtProject, write_extract

GOOD_DHS = {
    "case_id": "C00000001", "client_id": "100000001", "first_name": "Maria", "middle_name": "",
    "last_name": "Garcia", "name_suffix": "", "dob": "1985-03-04", "ssn": "123-45-6780",
    "sex": "F", "race": "WHITE", "hispanic": "Y", "relationship_to_head": "HEAD", "program": "TANF",
    "spell_start": "2021-01-01", "spell_end": "", "monthly_benefit": "512.00",
    "address_line": "1 Main St", "city": "Springfield", "zip": "12345", "county_fips": "01001",
}


def dhs(**overrides: str) -> dict[str, str]:
    return {**GOOD_DHS, **overrides}


def reasons_by_client(project: DbtProject) -> dict[str, list[str]]:
    rows = project.query(
        "select json_extract_string(raw_row, '$.client_id'), reject_reasons "
        "from staging.stg_ids__rejected_rows "
        "where extract_name = 'dhs_case_members' and rejected_by = 'staging_check'"
    )
    return {client: sorted(reasons) for client, reasons in rows}


def test_header_only_files_build(dbt_project: DbtProject, header_only_folder: Path) -> None:
    result = dbt_project.load_and_build(header_only_folder)
    assert result.returncode == 0, result.stdout[-3000:]
    recon = dbt_project.query(
        "select count(*), sum(rows_received), bool_and(is_reconciled) from staging.stg_ids__reconciliation"
    )
    assert recon == [(14, 0, True)]


def test_zero_byte_file_is_an_empty_extract(dbt_project: DbtProject, header_only_folder: Path) -> None:
    (header_only_folder / "dcf_removals.csv").write_bytes(b"")
    result = dbt_project.load_and_build(header_only_folder, select="staging")
    assert result.returncode == 0, result.stdout[-3000:]


def test_missing_required_column_fails_with_file_and_column(
    dbt_project: DbtProject, header_only_folder: Path
) -> None:
    columns = tuple(c for c in GOOD_DHS if c != "ssn")
    path = write_extract(header_only_folder, "dhs_case_members", [dhs()], columns=columns)
    result = dbt_project.load_and_build(header_only_folder, select="+stg_dhs__case_members")
    assert result.returncode != 0
    assert str(path) in result.stdout
    assert "missing required column(s): ssn" in result.stdout


def test_missing_file_fails_naming_the_file(dbt_project: DbtProject, header_only_folder: Path) -> None:
    (header_only_folder / "mcd_claims.csv").unlink()
    result = dbt_project.load_and_build(header_only_folder)
    assert result.returncode != 0
    assert "mcd_claims.csv" in result.stdout and "not found" in result.stdout


def test_bad_rows_are_quarantined_with_reasons(dbt_project: DbtProject, header_only_folder: Path) -> None:
    rows = [
        dhs(client_id="100000001"),                                   # good
        dhs(client_id="100000001"),                                   # exact duplicate: collapsed
        dhs(client_id="100000002", dob="2023-02-30"),                 # impossible date
        dhs(client_id="100000003", program="WIC"),                    # unknown code
        dhs(client_id="100000004", monthly_benefit="-12.50"),         # impossible amount
        dhs(client_id="100000005", spell_end="2020-01-01"),           # end before start
        dhs(client_id="", first_name="Nobody"),                       # missing required key
        dhs(client_id="100000007", first_name="X" * 300),             # 300-character name
        dhs(client_id="100000008", last_name="O'Brien; DROP TABLE x; --", first_name='Ann "Nan"'),
        dhs(client_id="100000009", ssn="000-00-0000", dob="1900-01-01"),  # placeholders: kept, nulled
        dhs(client_id="100000010", monthly_benefit="a lot"),          # not a number
        dhs(client_id="100000011", dob="2999-01-01"),                 # birth in the future
    ]
    path = write_extract(header_only_folder, "dhs_case_members", rows)
    # A line with bytes that are not UTF-8 (latin-1 / Windows-1252: transcoded and flagged), and a
    # line with too many fields; the csv module ends lines with CRLF, so these do too.
    with path.open("ab") as fh:
        fh.write(b"C00000001,100000012,Jos\xe9,,Pe\xf1a,,1980-01-01,,M,WHITE,Y,HEAD,TANF,2021-01-01,,1,a,b,1,1\r\n")
        fh.write(b"C00000001,100000013,A,,B,,1980-01-01,,M,WHITE,Y,HEAD,TANF,2021-01-01,,1,a,b,1,1,extra\r\n")

    enrollment = {
        "state_student_id": "1000000001", "school_year": "2023-2024", "district_id": "D1",
        "school_id": "S1", "grade_level": "03", "entry_date": "2023-08-15", "exit_date": "2024-06-14",
        "days_enrolled": "180", "days_attended": "171",
    }
    write_extract(header_only_folder, "doe_enrollments", [
        enrollment,
        {**enrollment, "state_student_id": "1000000002", "days_attended": "-3"},   # negative days
        {**enrollment, "state_student_id": "1000000003", "grade_level": "13"},     # unknown code
    ])

    result = dbt_project.load_and_build(header_only_folder)
    assert result.returncode == 0, result.stdout[-3000:]

    assert dict(dbt_project.query(
        "select json_extract_string(raw_row, '$.state_student_id'), reject_reason_text "
        "from staging.stg_ids__rejected_rows where extract_name = 'doe_enrollments'"
    )) == {"1000000002": "OUT_OF_RANGE:days_attended", "1000000003": "UNKNOWN_CODE:grade_level"}
    assert dbt_project.query("select state_student_id from staging.stg_doe__enrollments") == [("1000000001",)]

    reasons = reasons_by_client(dbt_project)
    assert reasons["100000002"] == ["UNPARSEABLE_DATE:dob"]
    assert reasons["100000003"] == ["UNKNOWN_CODE:program"]
    assert reasons["100000004"] == ["OUT_OF_RANGE:monthly_benefit"]
    assert reasons["100000005"] == ["END_BEFORE_START"]
    assert reasons[None] == ["MISSING_REQUIRED:client_id"]
    assert reasons["100000007"] == ["TOO_LONG:first_name"]
    assert reasons["100000010"] == ["NOT_A_NUMBER:monthly_benefit"]
    assert reasons["100000011"] == ["DATE_IN_FUTURE:dob"]

    unreadable = dbt_project.query(
        "select reject_reasons from staging.stg_ids__rejected_rows "
        "where rejected_by = 'csv_reader' order by source_row_number"
    )
    assert [r[0] for r in unreadable] == [["UNREADABLE_LINE:TOO_MANY_COLUMNS"]]

    staged = dict(dbt_project.query(
        "select client_id, last_name from staging.stg_dhs__case_members"
    ))
    assert staged["100000008"] == "O'BRIEN; DROP TABLE X; --"
    assert set(staged) == {"100000001", "100000008", "100000009", "100000012"}
    assert staged["100000012"] == "PEÑA"
    assert dbt_project.query(
        "select load_notes from raw.ids_load_log where extract_name = 'dhs_case_members'"
    ) == [("1 line(s) transcoded from Windows-1252",)]
    placeholder = dbt_project.query(
        "select ssn, ssn_status, dob, dob_is_placeholder from staging.stg_dhs__case_members "
        "where client_id = '100000009'"
    )
    assert placeholder == [(None, "PLACEHOLDER", None, True)]

    recon = dbt_project.query(
        "select rows_received, rows_staged, rows_quarantined, lines_unreadable, "
        "rows_collapsed_duplicates, is_reconciled from staging.stg_ids__reconciliation "
        "where extract_name = 'dhs_case_members'"
    )
    assert recon == [(14, 4, 8, 1, 1, True)]


def test_parquet_extract_builds_like_csv(dbt_project: DbtProject, header_only_folder: Path) -> None:
    (header_only_folder / "dhs_case_members.csv").unlink()
    table = pa.Table.from_pylist([dhs(), dhs(client_id="100000002", program="WIC")])
    pq.write_table(table, header_only_folder / "dhs_case_members.parquet")
    result = dbt_project.load_and_build(header_only_folder, select="staging")
    assert result.returncode == 0, result.stdout[-3000:]
    assert dbt_project.query("select count(*) from staging.stg_dhs__case_members") == [(1,)]
    assert dbt_project.query(
        "select file_format, rows_staged, rows_quarantined, is_reconciled "
        "from staging.stg_ids__reconciliation where extract_name = 'dhs_case_members'"
    ) == [("parquet", 1, 1, True)]


def test_mixed_line_endings_are_read_not_crashed(dbt_project: DbtProject, header_only_folder: Path) -> None:
    header = ",".join(GOOD_DHS)
    good = ",".join(dhs().values())
    second = ",".join(dhs(client_id="100000002").values())
    extra = ",".join(dhs(client_id="100000003").values()) + ",surplus"
    (header_only_folder / "dhs_case_members.csv").write_bytes(
        f"{header}\r\n{good}\n{second}\r\n{extra}\n".encode()
    )
    result = dbt_project.load_and_build(header_only_folder, select="staging")
    assert result.returncode == 0, result.stdout[-3000:]
    assert dbt_project.query(
        "select rows_received, rows_staged, lines_unreadable, is_reconciled, file_format "
        "from staging.stg_ids__reconciliation where extract_name = 'dhs_case_members'"
    ) == [(3, 2, 1, True, "csv")]
    assert dbt_project.query(
        "select load_notes from raw.ids_load_log where extract_name = 'dhs_case_members'"
    ) == [("line endings mixed",)]


def test_legacy_bytes_with_mixed_line_endings_load(dbt_project: DbtProject, header_only_folder: Path) -> None:
    """The case that used to stop the load (DuckDB read_text on a non-UTF-8 file)."""
    header = ",".join(GOOD_DHS).encode()
    good = ",".join(dhs().values()).encode()
    legacy = ",".join(dhs(client_id="100000002", first_name="Jos\xe9").values()).encode("latin-1")
    (header_only_folder / "dhs_case_members.csv").write_bytes(header + b"\r\n" + good + b"\n" + legacy + b"\r\n")
    result = dbt_project.load_and_build(header_only_folder, select="staging")
    assert result.returncode == 0, result.stdout[-3000:]
    assert dbt_project.query(
        "select rows_received, rows_staged, is_reconciled from staging.stg_ids__reconciliation "
        "where extract_name = 'dhs_case_members'"
    ) == [(2, 2, True)]

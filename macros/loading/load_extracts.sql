{#-
    Folder mode loader: `dbt run-operation load_extracts --args '{path: /data/extracts}'`.

    Partner files are untrusted: whatever their bytes, they load. The folder is scanned first
    (src/ids/extract_reader.py): only files named `<extract>.csv` or `<extract>.parquet` for an
    extract of the spec are read; other names are ignored with a message, and a symlink that points
    out of the folder is refused. Every CSV is passed through the Python reader (UDF
    `ids_normalize_csv`), which decodes UTF-8 and transcodes Windows-1252 lines (flagged in the log),
    normalizes CRLF / LF / CR line endings, drops a byte-order mark and NUL bytes, and writes a
    well-formed copy beside the warehouse that DuckDB reads without sniffing. Lines it cannot turn into
    a row (undecodable bytes, too many or too few fields, a stray quote) are not dropped: they are kept
    in `raw.ids_reader_rejects` with the reason and land in the quarantine. A Parquet file that cannot
    be opened is one reject of the whole file. Each load is logged in `raw.ids_load_log`, which the
    reconciliation and the data-quality scorecard read.

    Called with no path it only resets the log for demo mode (the seeds are the load).
-#}
{% macro load_extracts(path=none) %}
    {%- if not execute -%}{{ return('') }}{%- endif -%}
    {%- if path is not none and path != '' -%}
        {#- Checked before any SQL runs: a refused path leaves the last load as it was. -#}
        {%- do ids_assert_safe_path(path | string, 'extracts folder (path / EXTRACTS)') -%}
    {%- endif -%}
    {%- do run_query(ids_prepare_raw_zone()) -%}
    {%- do run_query('delete from raw.ids_reader_rejects; delete from raw.ids_load_log;') -%}

    {%- set optional_tables = ['truth_person_map', 'truth_family_map'] -%}
    {%- set targets = [] -%}
    {%- for e in ids_partner_extracts() -%}
        {%- do targets.append({'source': e.source, 'table': e.table, 'optional': false}) -%}
    {%- endfor -%}
    {%- for t in optional_tables -%}
        {%- do targets.append({'source': 'truth', 'table': t, 'optional': true}) -%}
    {%- endfor -%}
    {#- clerical review decisions beside the extracts (optional; the seed holds the repository's) -#}
    {%- do targets.append({'source': 'review', 'table': 'linkage_review_decisions', 'optional': true}) -%}

    {%- if path is none or path == '' -%}
        {#- Demo mode: the seeds in `raw` are the load; record their row counts. (information_schema,
            not adapter.get_relation: that opens a transaction run-operation never commits.) -#}
        {%- set existing = run_query(
            "select table_name from information_schema.tables where table_schema = 'raw'").columns[0].values() -%}
        {%- do ids_apply_purges('load') -%}
        {%- for t in targets -%}
            {%- set rel = t.table if t.table in existing else none -%}
            {%- if rel is none and not t.optional -%}
                {{ exceptions.raise_compiler_error(
                    "Demo extract '" ~ t.table ~ "' is not loaded in schema raw: run `dbt seed` first "
                    ~ "(make build does), or pass a folder: make build EXTRACTS=path/to/folder") }}
            {%- elif rel is none -%}
                {%- do ids_create_empty_extract(t.source, t.table) -%}
            {%- endif -%}
            {%- do ids_log_load(t.table, 'seed', none, 'seed', 0) -%}
        {%- endfor -%}
        {%- do ids_load_contract_files(none) -%}
        {{ log("Demo mode: recorded the seed load of " ~ targets | length ~ " extracts.", info=true) }}
    {%- else -%}
        {%- do ids_load_folder(path, targets) -%}
    {%- endif -%}
{% endmacro %}


{#- Folder mode: scan the folder, refuse what must be refused, load every extract. -#}
{% macro ids_load_folder(path, targets) %}

    {%- set folder = ids_assert_safe_path(path | string, 'extracts folder (path / EXTRACTS)').rstrip('/') -%}
    {%- set names = targets | map(attribute='table') | join(',') -%}
    {%- set scan = fromjson(run_query(
        "select ids_scan_extract_folder('" ~ folder ~ "', '" ~ names ~ "')").columns[0].values()[0]) -%}
    {%- if scan.get('error') -%}
        {{ exceptions.raise_compiler_error(scan.error) }}
    {%- endif -%}
    {%- set found = {} -%}
    {%- for entry in scan.entries -%}
        {%- set stem = entry.name.rsplit('.', 1)[0] -%}
        {%- if entry.status == 'extract' -%}
            {%- do found.setdefault(stem, []).append(folder ~ '/' ~ entry.name) -%}
        {%- elif entry.status == 'refused' and stem in names.split(',') -%}
            {{ exceptions.raise_compiler_error(
                "Refused extract file " ~ folder ~ "/" ~ entry.name ~ ": " ~ entry.message
                ~ ". Put the file itself in the extracts folder.") }}
        {%- else -%}
            {{ log("WARNING: " ~ entry.status ~ " " ~ folder ~ "/" ~ entry.name ~ ": " ~ entry.message, info=true) }}
        {%- endif -%}
    {%- endfor -%}

    {%- for t in targets -%}
        {%- set files = found.get(t.table, []) -%}
        {%- if files | length == 0 -%}
            {%- if t.optional -%}
                {%- do ids_create_empty_extract(t.source, t.table) -%}
                {%- do ids_log_load(t.table, 'folder', none, 'absent', 0) -%}
                {%- continue -%}
            {%- endif -%}
            {{ exceptions.raise_compiler_error(
                "Extract file not found: expected " ~ folder ~ "/" ~ t.table ~ ".csv or "
                ~ folder ~ "/" ~ t.table ~ ".parquet (see docs/agency_extracts_spec.md). "
                ~ "A partner with nothing to send still sends a header-only file.") }}
        {%- elif files | length > 1 -%}
            {{ exceptions.raise_compiler_error(
                "Extract '" ~ t.table ~ "' is ambiguous: found " ~ files | join(', ')
                ~ ". Keep exactly one of <extract>.csv or <extract>.parquet.") }}
        {%- endif -%}
        {%- do ids_load_one_file(t.source, t.table, files[0]) -%}
    {%- endfor -%}
    {%- do ids_load_contract_files(folder) -%}
    {{ log("Folder mode: loaded " ~ targets | length ~ " extracts from " ~ folder, info=true) }}
{% endmacro %}


{#- Copy one partner file into raw.<table>, all columns as text; what cannot be read is kept. -#}
{% macro ids_load_one_file(source_name, table_name, file) %}
    {%- set is_parquet = file.lower().endswith('.parquet') -%}
    {%- set size = run_query("select size from read_blob('" ~ file ~ "')").columns[0].values()[0] -%}
    {%- set notes = '' -%}
    {%- set transcoded = 0 -%}
    {%- if size == 0 -%}
        {#- A zero-byte file has not even a header: treat it as an empty extract. -#}
        {%- do ids_create_empty_extract(source_name, table_name) -%}
        {%- set fmt = 'empty' -%}
    {%- elif is_parquet -%}
        {%- set problem = run_query("select ids_inspect_parquet('" ~ file ~ "')").columns[0].values()[0] -%}
        {%- if problem -%}
            {%- set fmt = 'parquet (unreadable)' -%}
            {%- do ids_create_empty_extract(source_name, table_name) -%}
            {%- do run_query(
                "insert into raw.ids_reader_rejects values ('" ~ table_name ~ "', '" ~ file ~ "', 0, null, "
                ~ "'UNREADABLE FILE', " ~ ids_sql_string(problem) ~ ", null)") -%}
        {%- else -%}
            {%- set fmt = 'parquet' -%}
            {%- do run_query(
                "create or replace table raw." ~ table_name ~ " as "
                ~ "select columns(*)::varchar from read_parquet('" ~ file ~ "')") -%}
        {%- endif -%}
    {%- else -%}
        {%- set fmt = 'csv' -%}
        {%- set delim = '|' if table_name == 'dol_ui_wages' else ',' -%}
        {%- set clean_path = target.path.rsplit('/', 1)[0] ~ '/ids_normalized_' ~ table_name ~ '.csv' -%}
        {%- do run_query(
            "create or replace temp table ids_load_summary as select "
            ~ "ids_normalize_csv('" ~ file ~ "', '" ~ clean_path ~ "', '" ~ delim ~ "')::json as summary") -%}
        {%- set info = run_query(
            "select summary->>'$.header', summary->>'$.line_endings', summary->>'$.encoding', "
            ~ "(summary->>'$.lines_transcoded')::bigint, (summary->>'$.nul_bytes_removed')::bigint, "
            ~ "(summary->>'$.had_bom')::boolean, summary->>'$.header_notes' from ids_load_summary").rows[0] -%}
        {%- set header = fromjson(info[0]) -%}
        {%- set note_list = [] -%}
        {%- if info[1] in ('mixed', 'cr') -%}{%- do note_list.append('line endings ' ~ info[1]) -%}{%- endif -%}
        {%- if info[2] != 'utf-8' -%}{%- do note_list.append('decoded from ' ~ info[2]) -%}{%- endif -%}
        {%- if info[3] > 0 -%}{%- do note_list.append(info[3] ~ ' line(s) transcoded from Windows-1252') -%}{%- endif -%}
        {%- if info[4] > 0 -%}{%- do note_list.append(info[4] ~ ' NUL byte(s) removed') -%}{%- endif -%}
        {%- if info[5] -%}{%- do note_list.append('byte-order mark removed') -%}{%- endif -%}
        {%- for n in fromjson(info[6]) -%}{%- do note_list.append(n) -%}{%- endfor -%}
        {%- set notes = note_list | join('; ') -%}
        {%- set transcoded = info[3] -%}
        {%- if header | length == 0 -%}
            {%- do ids_create_empty_extract(source_name, table_name) -%}
        {%- else -%}
            {%- set col_sql = [] -%}
            {%- for h in header -%}{%- do col_sql.append(ids_sql_string(h) ~ ": 'VARCHAR'") -%}{%- endfor -%}
            {%- do run_query(
                "create or replace table raw." ~ table_name ~ " as select * from read_csv('" ~ clean_path ~ "', "
                ~ "header = true, auto_detect = false, delim = ',', quote = '\"', escape = '\"', "
                ~ "columns = {" ~ col_sql | join(', ') ~ "})") -%}
        {%- endif -%}
        {#- The clean copy held the partner's rows outside the warehouse: it goes as soon as it is read. -#}
        {%- do run_query("select ids_remove_file('" ~ clean_path ~ "')") -%}
        {%- do run_query(
            "insert into raw.ids_reader_rejects "
            ~ "select '" ~ table_name ~ "', '" ~ file ~ "', r.line_number, r.column_name, r.error_type, "
            ~ "r.error_message, r.raw_line from ("
            ~ "select unnest(from_json(summary->'$.rejects', '[{\"line_number\": \"BIGINT\", "
            ~ "\"column_name\": \"VARCHAR\", \"error_type\": \"VARCHAR\", \"error_message\": \"VARCHAR\", "
            ~ "\"raw_line\": \"VARCHAR\"}]')) as r from ids_load_summary)") -%}
    {%- endif -%}
    {%- do ids_apply_purges('load') -%}
    {%- set rejected = run_query(
        "select count(distinct line_number) from raw.ids_reader_rejects where extract_name = '" ~ table_name ~ "'"
    ).columns[0].values()[0] -%}
    {%- do ids_log_load(table_name, 'folder', file, fmt, rejected, notes, transcoded) -%}
    {{ log("loaded " ~ file ~ " -> raw." ~ table_name ~ " (" ~ fmt ~ ", " ~ rejected ~ " unreadable lines kept"
        ~ ("; " ~ notes if notes else "") ~ ")", info=true) }}
{% endmacro %}


{#- One row of raw.ids_load_log for an extract just loaded (its rows are counted from raw). -#}
{% macro ids_log_load(table_name, mode, file, fmt, rejected, notes='', transcoded=0) %}
    {%- if file is none -%}
        {%- set file_sql = "null" -%}
        {%- set modified_sql = "null::timestamp" -%}
        {%- set bytes_sql = "null::bigint" -%}
    {%- else -%}
        {%- set file_sql = "'" ~ file ~ "'" -%}
        {%- set modified_sql = "(select last_modified::timestamp from read_blob('" ~ file ~ "'))" -%}
        {%- set bytes_sql = "(select size from read_blob('" ~ file ~ "'))" -%}
    {%- endif -%}
    {%- do run_query(
        "insert into raw.ids_load_log (extract_name, load_mode, file_path, file_format, rows_loaded, "
        ~ "rows_rejected_by_reader, loaded_at, load_notes, file_modified_at, file_bytes, lines_transcoded) select '"
        ~ table_name ~ "', '" ~ mode ~ "', " ~ file_sql ~ ", '" ~ fmt ~ "', "
        ~ "(select count(*) from raw." ~ table_name ~ "), " ~ rejected ~ ", current_timestamp, "
        ~ (ids_sql_string(notes) if notes else "null") ~ ", " ~ modified_sql ~ ", " ~ bytes_sql ~ ", "
        ~ (transcoded | int)) -%}
{% endmacro %}


{#- An empty raw.<table> with the declared columns, all text (header-only, zero-byte or absent). -#}
{% macro ids_create_empty_extract(source_name, table_name) %}
    {%- set cols = ids_declared_columns(source_name, table_name) -%}
    {%- if cols | length == 0 -%}
        {{ exceptions.raise_compiler_error("No columns declared for source " ~ source_name ~ "." ~ table_name) }}
    {%- endif -%}
    {%- set col_sql = [] -%}
    {%- for c in cols -%}{%- do col_sql.append('"' ~ c.name ~ '" varchar') -%}{%- endfor -%}
    {%- do run_query("create or replace table raw." ~ table_name ~ " (" ~ col_sql | join(', ') ~ ")") -%}
{% endmacro %}

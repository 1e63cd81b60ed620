{#-
    Folder mode loader: `dbt run-operation load_extracts --args '{path: /data/extracts}'`.

    For every partner extract declared in the sources it finds `<extract>.csv` or `<extract>.parquet`
    in the folder and copies it into `raw.<extract>` with every column as text, so that staging reads
    the same relation whether the extract came from a seed (demo) or a partner file. Lines the CSV
    reader cannot read (bad encoding, too many or too few fields) are not dropped: they are kept in
    `raw.ids_reader_rejects` with the reader's reason and land in the quarantine. Each load is logged in
    `raw.ids_load_log`, which the reconciliation reads.

    Called with no path it only resets the log for demo mode (the seeds are the load).
-#}
{% macro load_extracts(path=none) %}
    {%- if not execute -%}{{ return('') }}{%- endif -%}
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
        {#- Demo mode: the seeds in `raw` are the load; record their row counts. -#}
        {%- for t in targets -%}
            {%- set rel = adapter.get_relation(database=target.database, schema='raw', identifier=t.table) -%}
            {%- if rel is none and not t.optional -%}
                {{ exceptions.raise_compiler_error(
                    "Demo extract '" ~ t.table ~ "' is not loaded in schema raw: run `dbt seed` first "
                    ~ "(make build does), or pass a folder: make build EXTRACTS=path/to/folder") }}
            {%- elif rel is none -%}
                {%- do ids_create_empty_extract(t.source, t.table) -%}
            {%- endif -%}
            {%- do run_query(
                "insert into raw.ids_load_log select '" ~ t.table ~ "', 'seed', 'seeds', 'seed', "
                ~ "(select count(*) from raw." ~ t.table ~ "), 0, current_timestamp") -%}
        {%- endfor -%}
        {%- do ids_load_contract_files(none) -%}
        {{ log("Demo mode: recorded the seed load of " ~ targets | length ~ " extracts.", info=true) }}
        {{ return('') }}
    {%- endif -%}

    {%- set folder = path.rstrip('/') -%}
    {%- for t in targets -%}
        {%- set files = run_query(
            "select file from glob('" ~ folder ~ "/" ~ t.table ~ ".*') "
            ~ "where lower(file) similar to '.*\\.(csv|parquet)$' order by file").columns[0].values() -%}
        {%- if files | length == 0 -%}
            {%- if t.optional -%}
                {%- do ids_create_empty_extract(t.source, t.table) -%}
                {%- do run_query(
                    "insert into raw.ids_load_log values ('" ~ t.table ~ "', 'folder', null, 'absent', 0, 0, current_timestamp)") -%}
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
        {%- set file = files[0] -%}
        {%- do ids_load_one_file(t.source, t.table, file) -%}
    {%- endfor -%}
    {%- do ids_load_contract_files(folder) -%}
    {{ log("Folder mode: loaded " ~ targets | length ~ " extracts from " ~ folder, info=true) }}
{% endmacro %}


{#- Copy one partner file into raw.<table>, all columns as text; reader rejects are kept. -#}
{% macro ids_load_one_file(source_name, table_name, file) %}
    {%- set is_parquet = file.lower().endswith('.parquet') -%}
    {%- set size = run_query("select size from read_blob('" ~ file ~ "')").columns[0].values()[0] -%}
    {%- set rejected = 0 -%}
    {%- if size == 0 -%}
        {#- A zero-byte file has not even a header: treat it as an empty extract. -#}
        {%- do ids_create_empty_extract(source_name, table_name) -%}
        {%- set fmt = 'empty' -%}
    {%- elif is_parquet -%}
        {%- set fmt = 'parquet' -%}
        {%- do run_query(
            "create or replace table raw." ~ table_name ~ " as "
            ~ "select columns(*)::varchar from read_parquet('" ~ file ~ "')") -%}
    {%- else -%}
        {%- set fmt = 'csv' -%}
        {%- set delim = '|' if table_name == 'dol_ui_wages' else ',' -%}
        {%- set read_path = file -%}
        {#- A file whose lines end partly in CRLF and partly in LF (concatenated exports) defeats the CSV
            sniffer; such a file is read from a copy with LF endings, written beside the warehouse. -#}
        {%- set mixed = run_query(
            "with bytes as (select content::varchar as s from read_blob('" ~ file ~ "')), "
            ~ "counts as (select length(s) - length(replace(s, '\\x0D\\x0A', '')) as crlf, "
            ~ "length(s) - length(replace(s, '\\x0A', '')) as lf from bytes) "
            ~ "select crlf > 0 and lf / 4 > crlf / 8 from counts").columns[0].values()[0] -%}
        {%- if mixed -%}
            {%- set read_path = target.path.rsplit('/', 1)[0] ~ '/ids_normalized_' ~ table_name ~ '.csv' -%}
            {%- do run_query(
                "copy (select replace(content, chr(13) || chr(10), chr(10)) from read_text('" ~ file ~ "')) "
                ~ "to '" ~ read_path ~ "' (format csv, header false, quote '', escape '', delimiter chr(1))") -%}
            {%- set fmt = 'csv (mixed line endings normalized)' -%}
        {%- endif -%}
        {%- do run_query("drop table if exists ids_reject_errors; drop table if exists ids_reject_scans;") -%}
        {%- do run_query(
            "create or replace table raw." ~ table_name ~ " as select * from read_csv('" ~ read_path ~ "', "
            ~ "header = true, all_varchar = true, delim = '" ~ delim ~ "', quote = '\"', escape = '\"', "
            ~ "store_rejects = true, rejects_table = 'ids_reject_errors', rejects_scan = 'ids_reject_scans')") -%}
        {%- do run_query(
            "insert into raw.ids_reader_rejects "
            ~ "select '" ~ table_name ~ "', '" ~ file ~ "', line, column_name, error_type, error_message, csv_line "
            ~ "from ids_reject_errors") -%}
        {%- set rejected = run_query("select count(distinct line) from ids_reject_errors").columns[0].values()[0] -%}
    {%- endif -%}
    {%- do run_query(
        "insert into raw.ids_load_log select '" ~ table_name ~ "', 'folder', '" ~ file ~ "', '" ~ fmt ~ "', "
        ~ "(select count(*) from raw." ~ table_name ~ "), " ~ rejected ~ ", current_timestamp") -%}
    {{ log("loaded " ~ file ~ " -> raw." ~ table_name ~ " (" ~ fmt ~ ", " ~ rejected ~ " unreadable lines kept)", info=true) }}
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

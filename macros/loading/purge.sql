{#-
    Purge: data-sharing agreements end and people opt out.

    `make purge PARTNER=dcf` (or `OPTOUT=file.csv` with columns source_system, source_person_id) runs
    `ids_purge`, which records the request in `config.ids_purge_log` (who, what, when; the config
    schema survives rebuilds), deletes the records from raw and from every table that carries them
    (incremental registries included: any table with a `record_key` or `source_system` column), and
    logs each deletion in `config.ids_purge_actions`. The build that follows rebuilds staging through
    marts from the purged raw zone; `ids_assert_purged` then proves nothing of them remains.

    The list is applied again at the start of every later run (on-run-start, `ids_apply_purges`) and
    after every load, so a partner's next file or a re-seeded demo never brings purged records back
    into staging.
-#}

{#- The columns that hold the source person id of each extract (docs/agency_extracts_spec.md). -#}
{% macro ids_person_id_columns() %}
    {{ return({
        'dhs_case_members': ['client_id'],
        'ece_subsidy_authorizations': ['child_person_id', 'parent_person_id'],
        'dol_ui_wages': ['ssn'],
        'doe_students': ['state_student_id'],
        'doe_enrollments': ['state_student_id'],
        'doe_assessments': ['state_student_id'],
        'dcf_persons': ['dcf_person_id'],
        'dcf_reports': ['dcf_person_id'],
        'dcf_removals': ['dcf_person_id'],
        'mcd_eligibility': ['medicaid_id'],
        'mcd_claims': ['medicaid_id'],
        'hmis_client': ['PersonalID'],
        'hmis_enrollment': ['PersonalID'],
        'fadss_enrollments': ['participant_id'],
    }) }}
{% endmacro %}


{#- A source person id as compared for purging: trimmed, upper case, only letters and digits (an SSN
    with or without dashes is one id). -#}
{% macro ids_purge_id(expr) -%}
    regexp_replace(upper(trim(cast({{ expr }} as varchar))), '[^A-Z0-9]', '', 'g')
{%- endmacro %}


{#- The raw rows of extract `e` that the purge log names: the whole partner, or its opted-out source
    ids in any of its id columns (`id_cols`: ids_person_id_columns()). One rule for deleting them
    and for proving them gone. -#}
{% macro ids_raw_rows_purged(e, id_cols) -%}
    {%- set conditions = ["exists (select 1 from config.ids_purge_log as p where p.scope = 'partner' "
        ~ "and p.agency = '" ~ e.source ~ "')"] -%}
    {%- for col in id_cols.get(e.table, []) -%}
        {%- do conditions.append(ids_purge_id('"' ~ col ~ '"') ~ " in (select p.source_person_id from "
            ~ "config.ids_purge_log as p where p.scope = 'source_id' and p.agency = '" ~ e.source ~ "')") -%}
    {%- endfor -%}
    {{- conditions | join(' or ') -}}
{%- endmacro %}

{#- A record key (`<source_system>:<source_person_id>`) that purge-log row `p` names. -#}
{% macro ids_record_key_purged(record_key) -%}
    split_part({{ record_key }}, ':', 1) = p.agency and (p.scope = 'partner' or
    {{ ids_purge_id("substr(" ~ record_key ~ ", length(p.agency) + 2)") }} = p.source_person_id)
{%- endmacro %}

{% macro ids_purge_tables_ddl() %}
    create schema if not exists config;
    create table if not exists config.ids_purge_log (
        purge_id varchar,
        requested_at timestamp,
        requested_by varchar,
        scope varchar,
        agency varchar,
        source_person_id varchar,
        reason varchar
    );
    create table if not exists config.ids_purge_actions (
        purge_id varchar,
        purged_at timestamp,
        table_name varchar,
        rows_removed bigint
    );
{% endmacro %}


{#- Delete from raw every row the purge log covers. Rendered as SQL (on-run-start) or run by the
    loader and ids_purge; nothing at all when the log is empty. -#}
{% macro ids_apply_purges(purge_id='on-run') %}
    {%- if not execute -%}{{ return('select 1 as purges_applied') }}{%- endif -%}
    {%- do run_query(ids_purge_tables_ddl()) -%}
    {%- set n = run_query("select count(*) from config.ids_purge_log").columns[0].values()[0] -%}
    {%- if n == 0 -%}{{ return('select 1 as purges_applied') }}{%- endif -%}
    {%- set existing = run_query(
        "select table_name from information_schema.tables where table_schema = 'raw'"
    ).columns[0].values() -%}
    {%- set id_cols = ids_person_id_columns() -%}
    {%- for e in ids_partner_extracts() if e.table in existing -%}
        {%- set removed = run_query(
            "delete from raw." ~ e.table ~ " where " ~ ids_raw_rows_purged(e, id_cols)).columns[0].values() -%}
        {%- if removed and removed[0] > 0 -%}
            {%- do run_query("insert into config.ids_purge_actions values ('" ~ purge_id ~ "', current_timestamp, "
                ~ "'raw." ~ e.table ~ "', " ~ removed[0] ~ ")") -%}
        {%- endif -%}
    {%- endfor -%}
    {#- The synthetic truth map names source person ids too (demo only). -#}
    {%- if 'truth_person_map' in existing -%}
        {%- set removed = run_query(
            "delete from raw.truth_person_map as t where exists (select 1 from config.ids_purge_log as p "
            ~ "where lower(trim(t.source_system)) = p.agency and (p.scope = 'partner' or "
            ~ ids_purge_id('t.source_person_id') ~ " = p.source_person_id))").columns[0].values() -%}
        {%- if removed and removed[0] > 0 -%}
            {%- do run_query("insert into config.ids_purge_actions values ('" ~ purge_id ~ "', current_timestamp, "
                ~ "'raw.truth_person_map', " ~ removed[0] ~ ")") -%}
        {%- endif -%}
    {%- endif -%}
    {#- The reader's rejects keep raw lines: a purged partner's go, and so does any line naming a purged id. -#}
    {%- do run_query(
        "delete from raw.ids_reader_rejects as r where exists (select 1 from config.ids_purge_log as p "
        ~ "where split_part(r.extract_name, '_', 1) = p.agency and (p.scope = 'partner' "
        ~ "or contains(" ~ ids_purge_id('r.raw_line') ~ ", p.source_person_id)))") -%}
    {#- The reader's reject counts in the load log follow, so the reconciliation still holds. -#}
    {%- do run_query(
        "update raw.ids_load_log as l set rows_rejected_by_reader = (select count(distinct r.line_number) "
        ~ "from raw.ids_reader_rejects as r where r.extract_name = l.extract_name)") -%}
    {{ return('select 1 as purges_applied') }}
{% endmacro %}


{#- `make purge`: record, delete everywhere, log. The build that follows rebuilds the rest. -#}
{% macro ids_purge(partner='', optout_file='', reason='') %}
    {%- set agencies = ids_partner_extracts() | map(attribute='source') | unique | list -%}
    {%- set partner = (partner or '') | string | trim | lower -%}
    {%- set optout_file = (optout_file or '') | string | trim -%}
    {%- if partner == '' and optout_file == '' -%}
        {{ exceptions.raise_compiler_error("Nothing to purge: give PARTNER=<agency> or OPTOUT=<file.csv>.") }}
    {%- endif -%}
    {%- if partner and partner not in agencies -%}
        {{ exceptions.raise_compiler_error(
            "Refused PARTNER " ~ (partner | tojson) ~ ": expected one of " ~ agencies | join(', ') ~ ".") }}
    {%- endif -%}
    {%- if optout_file -%}{%- do ids_assert_safe_path(optout_file, 'opt-out file (OPTOUT)') -%}{%- endif -%}
    {%- do run_query(ids_prepare_raw_zone()) -%}
    {%- set purge_id = run_query("select strftime(current_timestamp, '%Y%m%dT%H%M%S') || '-' || "
        ~ "substr(md5(random()::varchar), 1, 6)").columns[0].values()[0] -%}
    {%- set who = env_var('USER', 'unknown') | replace("'", "") -%}
    {%- set why = ids_sql_string(reason or ('agreement ended' if partner else 'opt-out list')) -%}
    {%- if partner -%}
        {%- do run_query("insert into config.ids_purge_log values ('" ~ purge_id ~ "', current_timestamp, '"
            ~ who ~ "', 'partner', '" ~ partner ~ "', null, " ~ why ~ ")") -%}
    {%- endif -%}
    {%- if optout_file -%}
        {%- do run_query(
            "insert into config.ids_purge_log select distinct '" ~ purge_id ~ "', current_timestamp, '" ~ who
            ~ "', 'source_id', lower(trim(source_system)), " ~ ids_purge_id('source_person_id') ~ ", " ~ why
            ~ " from read_csv('" ~ optout_file ~ "', header = true, all_varchar = true) "
            ~ "where lower(trim(source_system)) in ('" ~ agencies | join("', '") ~ "') "
            ~ "and nullif(trim(source_person_id), '') is not null") -%}
    {%- endif -%}
    {%- do ids_apply_purges(purge_id) -%}
    {#- Every other table that names the records: registries (incremental, they would keep them), the
        crosswalks, anything with a record_key or a source_system column. -#}
    {%- set tables = run_query(
        "select c.table_schema, c.table_name, bool_or(c.column_name = 'record_key'), "
        ~ "bool_or(c.column_name = 'source_person_id') from information_schema.columns as c "
        ~ "inner join information_schema.tables as t "
        ~ "on c.table_schema = t.table_schema and c.table_name = t.table_name "
        ~ "where t.table_type = 'BASE TABLE' "
        ~ "and c.table_schema not in ('raw', 'config', 'information_schema', 'pg_catalog') "
        ~ "and c.column_name in ('record_key', 'source_system') group by all "
        ~ "having bool_or(c.column_name = 'record_key') or bool_or(c.column_name = 'source_system') "
        ~ "order by all").rows -%}
    {%- for schema_name, table_name, keyed, has_id in tables -%}
        {%- if keyed -%}
            {%- set match = ids_record_key_purged('t.record_key') -%}
        {%- else -%}
            {%- set match = "t.source_system = p.agency and (p.scope = 'partner'"
                ~ (" or " ~ ids_purge_id("t.source_person_id") ~ " = p.source_person_id" if has_id else "")
                ~ ")" -%}
        {%- endif -%}
        {%- set removed = run_query(
            "delete from " ~ schema_name ~ "." ~ table_name ~ " as t where exists (select 1 from "
            ~ "config.ids_purge_log as p where p.purge_id = '" ~ purge_id ~ "' and " ~ match ~ ")"
            ).columns[0].values() -%}
        {%- if removed and removed[0] > 0 -%}
            {%- do run_query("insert into config.ids_purge_actions values ('" ~ purge_id ~ "', current_timestamp, '"
                ~ schema_name ~ "." ~ table_name ~ "', " ~ removed[0] ~ ")") -%}
        {%- endif -%}
    {%- endfor -%}
    {#- The family registry is keyed by person_id, not by record: a person all of whose records were
        purged leaves a row there that no record carries any more (neither as its person_id nor as
        the id it was first given), which the incremental registry would keep. -#}
    {%- if ids_relation_exists('families', 'family_registry') and ids_relation_exists('linkage', 'person_registry') -%}
        {%- set removed = run_query(ids_orphan_family_registry_rows('delete from')).columns[0].values() -%}
        {%- if removed and removed[0] > 0 -%}
            {%- do run_query("insert into config.ids_purge_actions values ('" ~ purge_id ~ "', current_timestamp, "
                ~ "'families.family_registry', " ~ removed[0] ~ ")") -%}
        {%- endif -%}
    {%- endif -%}
    {{ log("Purge " ~ purge_id ~ " recorded in config.ids_purge_log; rebuild now (make purge does).", info=true) }}
{% endmacro %}

{#- Rows of families.family_registry whose person_id no record of linkage.person_registry carries,
    now or first (`verb`: 'delete from' or 'select count(*) from'). -#}
{% macro ids_orphan_family_registry_rows(verb) -%}
    {{ verb }} families.family_registry as f
    where not exists (
        select 1 from linkage.person_registry as r
        where r.person_id = f.person_id or r.first_person_id = f.person_id
    )
{%- endmacro %}

{% macro ids_relation_exists(schema_name, table_name) -%}
    {%- set found = run_query("select count(*) from information_schema.tables where table_schema = '"
        ~ schema_name ~ "' and table_name = '" ~ table_name ~ "'").columns[0].values()[0] -%}
    {{- return(found > 0) -}}
{%- endmacro %}


{#- After the rebuild: nothing of a purged partner or opted-out id remains in raw or in any table that
    names records. Fails the run naming the table otherwise. -#}
{% macro ids_assert_purged() %}
    {%- do run_query(ids_purge_tables_ddl()) -%}
    {%- set leftovers = [] -%}
    {%- set id_cols = ids_person_id_columns() -%}
    {%- for e in ids_partner_extracts() -%}
        {%- set n = run_query("select count(*) from raw." ~ e.table ~ " where " ~ ids_raw_rows_purged(e, id_cols)
            ).columns[0].values()[0] -%}
        {%- if n > 0 -%}{%- do leftovers.append('raw.' ~ e.table ~ ' (' ~ n ~ ')') -%}{%- endif -%}
    {%- endfor -%}
    {%- set tables = run_query(
        "select table_schema, table_name from information_schema.columns "
        ~ "where table_schema not in ('raw', 'config', 'information_schema', 'pg_catalog') "
        ~ "and column_name = 'record_key' group by all order by all").rows -%}
    {%- for schema_name, table_name in tables -%}
        {%- set n = run_query("select count(*) from " ~ schema_name ~ "." ~ table_name ~ " as t where exists ("
            ~ "select 1 from config.ids_purge_log as p where " ~ ids_record_key_purged('t.record_key') ~ ")"
            ).columns[0].values()[0] -%}
        {%- if n > 0 -%}{%- do leftovers.append(schema_name ~ '.' ~ table_name ~ ' (' ~ n ~ ')') -%}{%- endif -%}
    {%- endfor -%}
    {%- if ids_relation_exists('families', 'family_registry') and ids_relation_exists('linkage', 'person_registry') -%}
        {%- set n = run_query(ids_orphan_family_registry_rows('select count(*) from')).columns[0].values()[0] -%}
        {%- if n > 0 -%}{%- do leftovers.append('families.family_registry (' ~ n ~ ' persons no record carries)') -%}{%- endif -%}
    {%- endif -%}
    {%- if leftovers -%}
        {{ exceptions.raise_compiler_error("Purged records remain in: " ~ leftovers | join(', ')) }}
    {%- endif -%}
    {{ log("Purge check: nothing of the purged partners or ids remains in raw or any keyed table.", info=true) }}
{% endmacro %}

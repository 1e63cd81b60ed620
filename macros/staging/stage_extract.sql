{#-
    Base layer of every extract: read the raw relation exactly as the partner sent it and produce,
    per raw row, the cleaned text, the typed value and the reasons the row cannot be staged.

    What each column gets is declared once, in the extract's sources.yml (the contract):
      data_type      varchar | date | integer | decimal(p,s)
      meta.required  true: a missing value quarantines the row (MISSING_REQUIRED)
      meta.date_format  strptime format, default %Y-%m-%d (ECE sends %m/%d/%Y)
      meta.not_future   true: a date after today is impossible (DATE_IN_FUTURE)
      meta.min / meta.max  numeric bounds (OUT_OF_RANGE)
      meta.code_set  values must exist in seeds/reference/ref_code_values.csv (UNKNOWN_CODE)
      meta.code_case lower | upper (default upper): how codes are case-normalized before the check
    Cross-column rules of one extract (end before start, attended > enrolled) come in as `checks`,
    a list of (reason_code, condition over typed columns) pairs.
    The table's meta.row_key (the spec's natural key) is unique unless meta.key_is_unique is false
    (DOL: adjustment rows share the key): of two different, otherwise valid rows with one key (a
    partner re-sent a corrected row), the last in the file is staged and the earlier ones are
    quarantined as DUPLICATE_KEY, so nothing is lost and the key tests of staging hold.

    Output columns: <col>__text (trimmed text, null when empty or the literal NULL), <col> (typed),
    _ids_row_number (position in the raw relation), _ids_row_hash (md5 of the row with surrounding
    whitespace trimmed and empty/`NULL` unified, as the spec says neither is meaningful; used to
    collapse exact duplicates), _ids_is_duplicate (a later copy of an identical raw row),
    _ids_duplicates_collapsed (on the kept copy: how many copies were collapsed into it) and
    _ids_reject_reasons (list of reason codes, empty when the row is good).
-#}
{% macro ids_stage_extract(source_name, table_name, checks=[], from_relation=none) %}
{#- from_relation: read another relation holding the same declared columns (the contracts' seeds). -#}
{%- set declared_source = source(source_name, table_name) -%}
{%- set relation = from_relation if from_relation is not none else declared_source -%}
{#- Declared here, unconditionally, so dbt records the dependency at parse time. -#}
{%- set code_values = ref('ref_code_values') -%}
{%- set cols = ids_declared_columns(source_name, table_name) -%}
{%- set table_meta = ids_source_meta(source_name, table_name) -%}
{%- set row_key = table_meta.get('row_key', []) if table_meta.get('key_is_unique', true) else [] -%}
{%- if execute -%}
    {%- do ids_assert_required_columns(relation, source_name, table_name, cols) -%}
{%- endif -%}
{%- set max_len = var('max_text_length') -%}
{%- set min_date = var('min_plausible_date') -%}

with

source as (

    select
        *,
        row_number() over () as _ids_row_number
    from {{ relation }}

),

cleaned as (

    select
        _ids_row_number,
        md5(concat_ws(chr(31)
        {%- for c in cols %}, coalesce(nullif(nullif(trim(cast("{{ c.name }}" as varchar)), ''), 'NULL'), chr(30)){% endfor -%}
        )) as _ids_row_hash
        {%- for c in cols %}
        {%- set cs = c.meta.get('code_case', 'upper') %},
        {% if c.meta.get('code_set') -%}
        {{ cs }}(nullif(nullif(trim(cast("{{ c.name }}" as varchar)), ''), 'NULL'))
        {%- else -%}
        nullif(nullif(trim(cast("{{ c.name }}" as varchar)), ''), 'NULL')
        {%- endif %} as "{{ c.name }}__text"
        {%- endfor %}
    from source

),

typed as (

    select
        *
        {%- for c in cols %},
        {{ ids_typed_value(c) }} as "{{ c.name }}"
        {%- endfor %}
    from cleaned

),

deduplicated as (

    select
        *,
        row_number() over (
            partition by _ids_row_hash order by _ids_row_number
        ) > 1 as _ids_is_duplicate,
        count(*) over (partition by _ids_row_hash) - 1 as _ids_copies
    from typed

),

checked as (

    select
        * exclude (_ids_copies),
        case when _ids_is_duplicate then 0 else _ids_copies end as _ids_duplicates_collapsed,
        list_filter([
            {%- for c in cols %}
            {%- set name = c.name %}
            {%- set t = c.data_type %}
            {%- if c.meta.get('required') %}
            case when "{{ name }}__text" is null then 'MISSING_REQUIRED:{{ name }}' end,
            {%- endif %}
            case when length("{{ name }}__text") > {{ max_len }} then 'TOO_LONG:{{ name }}' end,
            {%- if t == 'date' %}
            case when "{{ name }}__text" is not null and "{{ name }}" is null then 'UNPARSEABLE_DATE:{{ name }}' end,
            case when "{{ name }}" < date '{{ min_date }}' then 'IMPLAUSIBLE_DATE:{{ name }}' end,
            {%- if c.meta.get('not_future') %}
            case when "{{ name }}" > current_date then 'DATE_IN_FUTURE:{{ name }}' end,
            {%- endif %}
            {%- elif t == 'integer' or t.startswith('decimal') %}
            case when "{{ name }}__text" is not null and "{{ name }}" is null then 'NOT_A_NUMBER:{{ name }}' end,
            {%- if c.meta.get('min') is not none %}
            case when "{{ name }}" < {{ c.meta.get('min') }} then 'OUT_OF_RANGE:{{ name }}' end,
            {%- endif %}
            {%- if c.meta.get('max') is not none %}
            case when "{{ name }}" > {{ c.meta.get('max') }} then 'OUT_OF_RANGE:{{ name }}' end,
            {%- endif %}
            {%- endif %}
            {%- if c.meta.get('code_set') %}
            case
                when "{{ name }}__text" is not null
                    and "{{ name }}__text" not in (
                        select codes.code from {{ code_values }} as codes
                        where codes.code_set = '{{ c.meta.get("code_set") }}'
                    )
                    then 'UNKNOWN_CODE:{{ name }}'
            end,
            {%- endif %}
            {%- endfor %}
            {%- for reason, condition in checks %}
            case when {{ condition }} then '{{ reason }}' end,
            {%- endfor %}
            null
        ], reason -> reason is not null) as _ids_reject_reasons
    from deduplicated

),

keyed as (

    select
        *,
        {%- if row_key %}
        case
            when not _ids_is_duplicate and len(_ids_reject_reasons) = 0
                then row_number() over (
                    partition by
                        {%- for k in row_key %} "{{ k }}",{% endfor %}
                        not _ids_is_duplicate and len(_ids_reject_reasons) = 0
                    order by _ids_row_number desc
                )
        end as _ids_key_rank
        {%- else %}
        cast(null as bigint) as _ids_key_rank
        {%- endif %}
    from checked

),

final as (

    select
        * exclude (_ids_reject_reasons, _ids_key_rank),
        case
            when _ids_key_rank > 1 then list_append(_ids_reject_reasons, 'DUPLICATE_KEY:{{ row_key | join(",") }}')
            else _ids_reject_reasons
        end as _ids_reject_reasons
    from keyed

)

select * from final
{% endmacro %}


{#- The typed value of one declared column, from its cleaned text. Never raises: what does not parse
    is null here and becomes a reject reason in ids_stage_extract. -#}
{% macro ids_typed_value(col) %}
    {%- set t = col.data_type -%}
    {%- set text = '"' ~ col.name ~ '__text"' -%}
    {%- if t == 'date' -%}
        try_strptime({{ text }}, '{{ col.meta.get("date_format", "%Y-%m-%d") }}')::date
    {%- elif t == 'integer' -%}
        try_cast({{ text }} as integer)
    {%- elif t.startswith('decimal') -%}
        try_cast({{ text }} as {{ t }})
    {%- else -%}
        {{ text }}
    {%- endif -%}
{% endmacro %}


{#- A required column missing from a partner file stops the build with one clear message naming the
    file and the column, before any SQL touches the data. Matching ignores case (DuckDB does), and a
    column in the wrong case is only a warning. -#}
{% macro ids_assert_required_columns(relation, source_name, table_name, declared) %}
    {%- set actual = adapter.get_columns_in_relation(relation) | map(attribute='name') | list -%}
    {%- set actual_lower = actual | map('lower') | list -%}
    {%- set missing = [] -%}
    {%- for c in declared -%}
        {%- if c.name | lower not in actual_lower -%}
            {%- do missing.append(c.name) -%}
        {%- elif c.name not in actual -%}
            {{ log("WARNING: extract " ~ table_name ~ ": column '" ~ c.name ~ "' arrives in another case", info=true) }}
        {%- endif -%}
    {%- endfor -%}
    {%- if missing | length > 0 -%}
        {%- set where = run_query(
            "select coalesce(max(file_path), 'seed " ~ table_name ~ "') from raw.ids_load_log "
            ~ "where extract_name = '" ~ table_name ~ "'").columns[0].values() -%}
        {{ exceptions.raise_compiler_error(
            "Extract file " ~ (where[0] if where | length > 0 else table_name) ~ " (" ~ source_name ~ "."
            ~ table_name ~ ") is missing required column(s): " ~ missing | join(', ')
            ~ ". Found columns: " ~ actual | join(', ') ~ ". See docs/agency_extracts_spec.md.") }}
    {%- endif -%}
{% endmacro %}

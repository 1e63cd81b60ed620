{#- The PII scan of a de-identified relation (issue 9, item 7), reusable by any model, test or
    package: one row per hit (column_name, hit_reason, example_value); no rows means clean.

    By name: every column that is not boolean (a flag such as has_valid_ssn carries no identifier)
    is matched against ids_pii_denied_column_patterns() (full-match regexes: SSNs, DOBs, person
    names, address parts, diagnosis codes, free text, source and internal ids).
    By value: every text column's values are checked against SSN-like patterns (a whole value or
    word of nine digits, dashes optional) and against the
    identifiers the warehouse holds: person names of `min_name_length`+ letters (first and last,
    standardized as linkage keys them), every source person id and internal person_id, every DOB
    written as text. A value that is a code of ref_code_values (`WHITE` the race, not the surname)
    or a word of the warehouse's own schema (an extract or column name: `ROLE`, `PROGRAM`) or of the
    contract terms (`CARE` in a contract's name) is not a name hit. Text is compared whole and word by word, upper case, punctuation dropped.
    `deny_values` replaces the deny set (a select of `value, reason`), e.g. in a test fixture. -#}

{% macro ids_pii_denied_column_patterns() -%}
    {{ return([
        '(.+_)?ssn(_.+)?',
        '(.+_)?dob(_.+)?', '(.+_)?(date_of_birth|birth_date|birthdate)',
        '(.+_)?(first|middle|last|full|given|family|maiden|sur|nick)_?name(_.+)?', 'name',
        '(.+_)?(first|middle)_initial', '(.+_)?name_suffix',
        '(.+_)?(address|address_line|street|city|zip|zip5|zip4|zipcode|zip_code|postal_code)(_.+)?',
        '(.+_)?(phone|email|latitude|longitude)(_.+)?',
        '(.+_)?(primary_dx|dx|dx_code|diagnosis|diagnosis_code|icd10|icd_10)(_.+)?',
        '(.+_)?(note|notes|comment|comments|free_text|narrative|description_text)',
        '(.+_)?(person_id|family_id|record_key|client_id|medicaid_id|personalid|personal_id)',
        '(.+_)?(participant_id|state_student_id|student_id|dcf_person_id|child_person_id)',
        '(.+_)?(parent_person_id|case_id|household_id|householdid|enrollment_id|removal_id)',
        '(.+_)?(report_id|claim_id|authorization_id|employer_ein|ein)',
    ]) }}
{%- endmacro %}


{% macro ids_pii_deny_values(min_name_length=4) -%}
    select distinct candidates.value, candidates.reason
    from (
        select upper(last_key) as value, 'PERSON_NAME' as reason
        from {{ ref('int_person_records') }}
        where length(last_key) >= {{ min_name_length }}
        union all
        select upper(first_key) as value, 'PERSON_NAME' as reason
        from {{ ref('int_person_records') }}
        where length(first_key) >= {{ min_name_length }} and not first_is_initial_only
        union all
        select upper(source_person_id) as value, 'SOURCE_PERSON_ID' as reason
        from {{ ref('person_crosswalk') }}
        union all
        select upper(person_id) as value, 'INTERNAL_PERSON_ID' as reason
        from {{ ref('person_crosswalk') }}
        union all
        select strftime(dob, '%Y-%m-%d') as value, 'DOB' as reason
        from {{ ref('int_person_records') }}
        where dob is not null
    ) as candidates
    where
        candidates.value not in (
            select upper(code_values.code) from {{ ref('ref_code_values') }} as code_values
            where code_values.code is not null
        )
        -- the warehouse's own words, tokenized as the scan tokenizes values: the contracting
        -- office's (contract names, programs, outcome descriptions: "Child care quality outcomes"
        -- meets a surname CARE at a million persons) and the schema's (ids_schema_vocabulary)
        and candidates.value not in (
            select {{ ids_pii_token('vocabulary.word') }}
            from (
                select {{ ids_pii_words("concat_ws(' ', contract_id, contract_name, program, provider_id)") }} as word
                from {{ ref('stg_contracts__contracts') }}
                union all
                select {{ ids_pii_words("concat_ws(' ', outcome_id, metric_id, description)") }} as word
                from {{ ref('stg_contracts__outcome_terms') }}
                {%- set vocabulary = ids_schema_vocabulary() %}
                {%- if vocabulary %}
                union all
                select unnest([{% for word in vocabulary %}'{{ word }}'{% if not loop.last %}, {% endif %}{% endfor %}]) as word
                {%- endif %}
            ) as vocabulary
        )
{%- endmacro %}


{#- How the scan reads text: a value's token (upper case, punctuation dropped) and its words. -#}
{% macro ids_pii_token(expression) -%}
    regexp_replace(upper(trim({{ expression }})), '[^A-Z0-9-]', '', 'g')
{%- endmacro %}

{% macro ids_pii_words(expression) -%}
    unnest(string_split(regexp_replace(trim({{ expression }}), '[\s,;/]+', ' ', 'g'), ' '))
{%- endmacro %}


{#- The schema's own words: the partner extracts' names, their source codes and their declared
    column names. A data-quality mart lists them, and at a million persons some surname is one of
    them (ROLE, RACE, PROGRAM): the schema's vocabulary is not an identifier. Empty at parse time. -#}
{% macro ids_schema_vocabulary() -%}
    {%- set words = [] -%}
    {%- if execute -%}
        {%- for extract in ids_partner_extracts() -%}
            {%- set found = [extract.source, extract.table] -%}
            {%- for column in ids_declared_columns(extract.source, extract.table) -%}
                {%- do found.append(column.name) -%}
            {%- endfor -%}
            {%- for word in found if word not in words -%}{%- do words.append(word) -%}{%- endfor -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(words | sort) }}
{%- endmacro %}


{% macro ids_pii_scan(relation, deny_values=none, denied_column_patterns=none, min_name_length=4) -%}
    {%- set patterns = denied_column_patterns if denied_column_patterns is not none
        else ids_pii_denied_column_patterns() -%}
    {%- set columns = adapter.get_columns_in_relation(relation) if execute else [] -%}
    {%- set name_hits = [] -%}
    {%- set text_columns = [] -%}
    {%- for column in columns -%}
        {%- for pattern in patterns -%}
            {%- if modules.re.fullmatch(pattern, column.name | lower) and column.name not in name_hits
                and column.dtype | lower != 'boolean' -%}
                {%- do name_hits.append(column.name) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- if column.is_string() -%}
            {%- do text_columns.append(column.name) -%}
        {%- endif -%}
    {%- endfor %}
with

denied_values as (

    {{ deny_values if deny_values is not none else ids_pii_deny_values(min_name_length) }}

),

name_hits as (

    {%- for column_name in name_hits %}
    select
        '{{ column_name }}' as column_name,
        'DENIED_COLUMN_NAME' as hit_reason,
        cast(null as varchar) as example_value
    union all
    {%- endfor %}
    select
        cast(null as varchar) as column_name,
        cast(null as varchar) as hit_reason,
        cast(null as varchar) as example_value
    where false

),

text_values as (

    {%- for column_name in text_columns %}
    select distinct
        '{{ column_name }}' as column_name,
        cast({{ adapter.quote(column_name) }} as varchar) as value
    from {{ relation }}
    where {{ adapter.quote(column_name) }} is not null
    union all
    {%- endfor %}
    select
        cast(null as varchar) as column_name,
        cast(null as varchar) as value
    where false

),

-- the whole value and each of its words, upper case, punctuation dropped
value_tokens as (

    select
        column_name,
        value,
        {{ ids_pii_token('value') }} as token
    from text_values
    union all
    select
        column_name,
        value,
        {{ ids_pii_token('word') }} as token
    from (
        select
            column_name,
            value,
            {{ ids_pii_words('value') }} as word
        from text_values
        where regexp_matches(trim(value), '[\s,;/]')
    ) as words

),

pattern_hits as (

    select
        column_name,
        'SSN_LIKE_VALUE' as hit_reason,
        min(value) as example_value
    from value_tokens
    where regexp_full_match(token, '[0-9]{3}-?[0-9]{2}-?[0-9]{4}')
    group by column_name

),

value_hits as (

    select
        value_tokens.column_name,
        denied_values.reason as hit_reason,
        min(value_tokens.value) as example_value
    from value_tokens
    inner join denied_values on value_tokens.token = denied_values.value
    group by value_tokens.column_name, denied_values.reason

),

hits as (

    select * from name_hits
    union all
    select * from pattern_hits
    union all
    select * from value_hits

)

select * from hits
{%- endmacro %}

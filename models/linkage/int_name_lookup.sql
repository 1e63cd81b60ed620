{#- Every distinct name string of every source, run once through the project's Python UDFs
    (src/ids/names.py): cleaned, suffix split out, particle-free key, nickname canon and group, phonetic
    codes. The UDFs touch distinct values only; person records join back on name_raw. A table,
    because a BI tool opening the file has no UDFs. -#}

with

identities as (

    select * from {{ ref('int_person_identities') }}

),

all_names as (

    select first_name_raw as name_raw from identities
    union
    select middle_name_raw as name_raw from identities
    union
    select last_name_raw as name_raw from identities
    union
    select former_last_name_raw as name_raw from identities

),

distinct_names as (

    select distinct name_raw
    from all_names
    where name_raw is not null

),

standardized as (

    select
        name_raw,
        ids_clean_name(name_raw) as name_clean,
        ids_extract_suffix(name_raw) as suffix,
        ids_clean_name(ids_strip_suffix(name_raw)) as name_without_suffix,
        ids_name_key(ids_strip_suffix(name_raw)) as name_key,
        ids_first_name_canon(name_raw) as first_name_canon,
        -- every formal name an ambiguous nickname may stand for (TONY: ANTHONY, ANTONIO, ...)
        string_split(ids_first_name_group(name_raw), '|') as first_name_group
    from distinct_names

),

phonetic as (

    select
        *,
        ids_nysiis(name_key) as name_nysiis,
        ids_metaphone(name_key) as name_metaphone,
        ids_soundex(name_key) as name_soundex
    from standardized

)

select * from phonetic

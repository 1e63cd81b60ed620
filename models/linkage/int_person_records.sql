{#- One row per distinct source person id, identity fields standardized for comparison. Names come
    from int_name_lookup (UDF outputs); DOL's last name is truncated at 12 characters and carries a
    first initial only, which the comparisons know. -#}

with

identities as (

    select * from {{ ref('int_person_identities') }}

),

names as (

    select * from {{ ref('int_name_lookup') }}

),

-- the words of a last name (hyphen or space), letters only
last_name_parts as (

    select
        name_raw,
        list_filter(
            list_transform(string_split_regex(name_without_suffix, '[- ]+'), x -> regexp_replace(x, '[^A-Z]', '', 'g')),
            x -> length(x) > 0
        ) as parts
    from names

),

standardized as (

    select
        identities.record_key,
        identities.source_system,
        identities.source_person_id,

        -- first name
        first_names.name_key as first_key,
        first_names.first_name_canon as first_canon,
        case when identities.source_system != 'dol' then first_names.first_name_group end as first_group,
        first_names.name_metaphone as first_metaphone,
        left(first_names.name_key, 1) as first_initial,
        identities.source_system = 'dol' as first_is_initial_only,

        -- middle name
        middle_names.name_key as middle_key,
        left(middle_names.name_key, 1) as middle_initial,
        middle_names.first_name_group as middle_group,

        -- last name (suffix split out of it when the source had no suffix field)
        last_names.name_key as last_key,
        last_names.name_nysiis as last_nysiis,
        last_names.name_soundex as last_soundex,
        left(last_names.name_key, 1) as last_initial,
        identities.source_system = 'dol' and length(identities.last_name_raw) >= 12 as last_is_truncated,
        coalesce(identities.name_suffix, last_names.suffix) as name_suffix,
        -- other last names the person is known by, for blocking and the last-name level: the
        -- former name the same source saw (marriage, divorce), else the first part of a
        -- hyphenated or two-word name; and the last part (GARCIA-LOPEZ: GARCIA, LOPEZ). Parts
        -- shorter than four letters are particles (DE, LA, VAN, DEL), not names.
        coalesce(
            nullif(former_last_names.name_key, last_names.name_key),
            case
                when len(last_name_parts.parts) >= 2 and length(last_name_parts.parts[1]) >= 4
                    then last_name_parts.parts[1]
            end
        ) as last_alt_1,
        case
            when len(last_name_parts.parts) >= 2 and length(last_name_parts.parts[-1]) >= 4
                then last_name_parts.parts[-1]
        end as last_alt_2,

        -- date of birth
        identities.dob,
        year(identities.dob) as dob_year,
        month(identities.dob) as dob_month,
        day(identities.dob) as dob_day,
        identities.dob_is_estimated,
        case
            when day(identities.dob) <= 12 and day(identities.dob) != month(identities.dob)
                then make_date(year(identities.dob), day(identities.dob), month(identities.dob))
        end as dob_swapped,

        -- ssn
        identities.ssn,
        coalesce(identities.ssn_last4, right(identities.ssn, 4)) as ssn_last4,
        left(identities.ssn, 5) as ssn_first5,
        -- digits 1-4 and 7-9: with the first five and the last four, every one-digit error and
        -- every adjacent transposition (the spec's SSN typos) keeps one of the three keys intact,
        -- including a transposition of digits 5 and 6, which breaks both of the others
        left(identities.ssn, 4) || right(identities.ssn, 3) as ssn_outer7,

        -- other
        identities.sex,
        identities.zip5,
        identities.n_source_rows,
        identities.first_seen_on,
        identities.last_seen_on
    from identities
    left join names as first_names on identities.first_name_raw = first_names.name_raw
    left join names as middle_names on identities.middle_name_raw = middle_names.name_raw
    left join names as last_names on identities.last_name_raw = last_names.name_raw
    left join names as former_last_names on identities.former_last_name_raw = former_last_names.name_raw
    left join last_name_parts on identities.last_name_raw = last_name_parts.name_raw

)

select * from standardized

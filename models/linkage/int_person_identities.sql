{#- One row per distinct source person id of every extract, with the identity values that source
    holds for it: names as sent (the latest row's, since names change), the most frequent date of
    birth and usable SSN (ties: the most recently seen), sex and ZIP. No UDFs here: standardization joins
    int_name_lookup in int_person_records. -#}

with

dhs as (

    select
        'dhs' as source_system,
        client_id as source_person_id,
        first_name_raw,
        middle_name_raw,
        last_name_raw,
        name_suffix,
        dob,
        false as dob_is_estimated,
        ssn,
        ssn_last4,
        nullif(sex, 'U') as sex,
        zip5,
        spell_start as seen_on,
        case_member_spell_id as row_id
    from {{ ref('stg_dhs__case_members') }}

),

ece_children as (

    select
        'ece' as source_system,
        child_person_id as source_person_id,
        child_first_name_raw as first_name_raw,
        null as middle_name_raw,
        child_last_name_raw as last_name_raw,
        null as name_suffix,
        child_dob as dob,
        false as dob_is_estimated,
        null as ssn,
        null as ssn_last4,
        null as sex,
        null as zip5,
        auth_start as seen_on,
        child_authorization_id as row_id
    from {{ ref('stg_ece__subsidy_authorizations') }}

),

ece_parents as (

    select
        'ece' as source_system,
        parent_person_id as source_person_id,
        parent_first_name_raw as first_name_raw,
        null as middle_name_raw,
        parent_last_name_raw as last_name_raw,
        null as name_suffix,
        parent_dob as dob,
        false as dob_is_estimated,
        parent_ssn as ssn,
        parent_ssn_last4 as ssn_last4,
        null as sex,
        null as zip5,
        auth_start as seen_on,
        child_authorization_id as row_id
    from {{ ref('stg_ece__subsidy_authorizations') }}
    where parent_person_id is not null

),

dol_rows as (

    select
        'dol' as source_system,
        ssn_raw as source_person_id,
        first_initial as first_name_raw,
        null as middle_name_raw,
        last_name_raw,
        null as name_suffix,
        null::date as dob,
        false as dob_is_estimated,
        ssn,
        ssn_last4,
        null as sex,
        null as zip5,
        quarter_start_date as seen_on,
        wage_record_id as row_id
    from {{ ref('stg_dol__ui_wages') }}
    -- DOL keys a wage row by the SSN alone: a row whose SSN is unusable (missing, placeholder,
    -- structurally invalid) names no one, or every worker reported as 000000000 would be one
    -- person. It stays in staging (wages no one can be credited with) and never enters linkage.
    where ssn is not null

),

-- A worker has a wage row per employer per quarter, tens of them for the same identity: fold them
-- into one row per identity variant first (with its row count, its earliest and latest rows), so
-- the per-person aggregation below reads a few hundred thousand rows instead of millions at a
-- million persons (it ran out of DuckDB's 3 GB there). The picks below are the same: the latest
-- and earliest rows of a person are the latest and earliest of its variants', and votes count rows.
dol as (

    select
        source_system,
        source_person_id,
        first_name_raw,
        middle_name_raw,
        last_name_raw,
        name_suffix,
        dob,
        dob_is_estimated,
        ssn,
        ssn_last4,
        sex,
        zip5,
        max(seen_on) as seen_on,
        arg_max(row_id, (seen_on, row_id)) as row_id,
        min(seen_on) as earliest_seen_on,
        arg_min(row_id, (seen_on, row_id)) as earliest_row_id,
        count(*) as n_rows
    from dol_rows
    group by
        source_system, source_person_id, first_name_raw, middle_name_raw, last_name_raw, name_suffix,
        dob, dob_is_estimated, ssn, ssn_last4, sex, zip5

),

doe as (

    select
        'doe' as source_system,
        state_student_id as source_person_id,
        first_name_raw,
        middle_name_raw,
        last_name_raw,
        name_suffix,
        dob,
        false as dob_is_estimated,
        null as ssn,
        null as ssn_last4,
        case when sex in ('M', 'F') then sex end as sex,
        null as zip5,
        null::date as seen_on,
        student_record_id as row_id
    from {{ ref('stg_doe__students') }}

),

dcf as (

    select
        'dcf' as source_system,
        dcf_person_id as source_person_id,
        first_name_raw,
        null as middle_name_raw,
        last_name_raw,
        null as name_suffix,
        dob,
        dob_is_jan1 as dob_is_estimated,
        ssn,
        ssn_last4,
        nullif(sex, 'U') as sex,
        null as zip5,
        null::date as seen_on,
        person_record_id as row_id
    from {{ ref('stg_dcf__persons') }}

),

mcd as (

    select
        'mcd' as source_system,
        medicaid_id as source_person_id,
        first_name_raw,
        middle_initial_raw as middle_name_raw,
        last_name_raw,
        null as name_suffix,
        dob,
        false as dob_is_estimated,
        ssn,
        ssn_last4,
        nullif(sex, 'U') as sex,
        zip5,
        elig_start as seen_on,
        eligibility_span_id as row_id
    from {{ ref('stg_mcd__eligibility') }}

),

hmis as (

    select
        'hmis' as source_system,
        personal_id as source_person_id,
        first_name_raw,
        middle_name_raw,
        last_name_raw,
        name_suffix,
        dob,
        dob_is_approximate as dob_is_estimated,
        ssn,
        ssn_last4,
        nullif(sex, 'U') as sex,
        null as zip5,
        null::date as seen_on,
        client_record_id as row_id
    from {{ ref('stg_hmis__client') }}

),

fadss as (

    select
        'fadss' as source_system,
        participant_id as source_person_id,
        first_name_raw,
        null as middle_name_raw,
        last_name_raw,
        null as name_suffix,
        dob,
        false as dob_is_estimated,
        null as ssn,
        null as ssn_last4,
        null as sex,
        null as zip5,
        enroll_date as seen_on,
        enrollment_record_id as row_id
    from {{ ref('stg_fadss__enrollments') }}

),

row_level as (

    select * from dhs
    union all by name
    select * from ece_children
    union all by name
    select * from ece_parents
    union all by name
    select * from doe
    union all by name
    select * from dcf
    union all by name
    select * from mcd
    union all by name
    select * from hmis
    union all by name
    select * from fadss

),

unioned as (

    select
        *,
        seen_on as earliest_seen_on,
        row_id as earliest_row_id,
        1::bigint as n_rows
    from row_level
    union all by name
    select * from dol

),

dob_votes as (

    select
        source_system,
        source_person_id,
        dob,
        bool_or(dob_is_estimated) as dob_is_estimated,
        sum(n_rows)::bigint as n_rows,
        max(seen_on) as last_seen_on
    from unioned
    where dob is not null
    group by source_system, source_person_id, dob

),

ssn_votes as (

    select
        source_system,
        source_person_id,
        ssn,
        sum(n_rows)::bigint as n_rows,
        max(seen_on) as last_seen_on
    from unioned
    where ssn is not null
    group by source_system, source_person_id, ssn

),

-- arg_max keeps one value per group while it streams (no per-group sorted lists), so this stays
-- in bounded memory at millions of persons. Ties end on the value itself, so the pick is
-- deterministic.
best_dob as (

    select
        source_system,
        source_person_id,
        arg_max(
            dob, (n_rows, coalesce(last_seen_on, date '0001-01-01'), date '9999-12-31' - dob)
        ) as dob,
        arg_max(
            dob_is_estimated, (n_rows, coalesce(last_seen_on, date '0001-01-01'), date '9999-12-31' - dob)
        ) as dob_is_estimated,
        count(*) as n_distinct_dobs
    from dob_votes
    group by source_system, source_person_id

),

best_ssn as (

    select
        source_system,
        source_person_id,
        arg_max(ssn, (n_rows, coalesce(last_seen_on, date '0001-01-01'), ssn)) as ssn,
        count(*) as n_distinct_ssns
    from ssn_votes
    group by source_system, source_person_id

),

latest_names as (

    select
        source_system,
        source_person_id,
        arg_max(first_name_raw, (coalesce(seen_on, date '0001-01-01'), row_id)) as first_name_raw,
        arg_max(middle_name_raw, (coalesce(seen_on, date '0001-01-01'), row_id)) as middle_name_raw,
        arg_max(last_name_raw, (coalesce(seen_on, date '0001-01-01'), row_id)) as last_name_raw,
        -- the earliest last name the source saw (a maiden name before a marriage, or the
        -- hyphenated name in between): names change over time, and another source may still
        -- hold the old one
        arg_min(last_name_raw, (coalesce(earliest_seen_on, date '9999-12-31'), earliest_row_id))
            as earliest_last_name_raw,
        arg_max(name_suffix, (coalesce(seen_on, date '0001-01-01'), row_id)) as name_suffix,
        arg_max(ssn_last4, (coalesce(seen_on, date '0001-01-01'), row_id))
        filter (where ssn_last4 is not null) as ssn_last4,
        arg_max(sex, (coalesce(seen_on, date '0001-01-01'), row_id)) filter (where sex is not null) as sex,
        arg_max(zip5, (coalesce(seen_on, date '0001-01-01'), row_id)) filter (where zip5 is not null) as zip5,
        sum(n_rows)::bigint as n_source_rows,
        min(earliest_seen_on) as first_seen_on,
        max(seen_on) as last_seen_on
    from unioned
    group by source_system, source_person_id

),

final as (

    select
        latest_names.source_system || ':' || latest_names.source_person_id as record_key,
        latest_names.source_system,
        latest_names.source_person_id,
        latest_names.first_name_raw,
        latest_names.middle_name_raw,
        latest_names.last_name_raw,
        case
            when latest_names.earliest_last_name_raw != latest_names.last_name_raw
                then latest_names.earliest_last_name_raw
        end as former_last_name_raw,
        latest_names.name_suffix,
        best_dob.dob,
        coalesce(best_dob.dob_is_estimated, false) as dob_is_estimated,
        coalesce(best_dob.n_distinct_dobs, 0) as n_distinct_dobs,
        best_ssn.ssn,
        coalesce(best_ssn.n_distinct_ssns, 0) as n_distinct_ssns,
        latest_names.ssn_last4,
        latest_names.sex,
        latest_names.zip5,
        latest_names.n_source_rows,
        latest_names.first_seen_on,
        latest_names.last_seen_on
    from latest_names
    left join best_dob
        on
            latest_names.source_system = best_dob.source_system
            and latest_names.source_person_id = best_dob.source_person_id
    left join best_ssn
        on
            latest_names.source_system = best_ssn.source_system
            and latest_names.source_person_id = best_ssn.source_person_id

)

select * from final

with

base as (

    select * from {{ ref('base_doe__enrollments') }}
    where not _ids_is_duplicate and len(_ids_reject_reasons) = 0

),

renamed as (

    select
        -- keys
        _ids_row_hash as enrollment_id,
        state_student_id,
        district_id,
        school_id,

        -- school year
        school_year,
        {{ doe_school_year_start('school_year') }} as school_year_start,
        {{ doe_school_year_start_date('school_year') }} as school_year_start_date,
        {{ doe_school_year_end_date('school_year') }} as school_year_end_date,
        grade_level,

        -- dates
        entry_date,
        exit_date,
        exit_date is null as is_open_enrollment,

        -- attendance
        days_enrolled,
        days_attended,
        case
            when days_enrolled > 0 then round(days_attended / days_enrolled, 4)
        end as attendance_rate,

        -- lineage
        _ids_row_number as source_row_number,
        _ids_duplicates_collapsed as duplicates_collapsed

    from base

)

select * from renamed

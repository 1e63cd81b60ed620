with

base as (

    select * from {{ ref('base_doe__assessments') }}
    where not _ids_is_duplicate and len(_ids_reject_reasons) = 0

),

renamed as (

    select
        -- keys
        _ids_row_hash as assessment_result_id,
        state_student_id,

        -- school year
        school_year,
        {{ doe_school_year_start('school_year') }} as school_year_start,
        {{ doe_school_year_start_date('school_year') }} as school_year_start_date,
        {{ doe_school_year_end_date('school_year') }} as school_year_end_date,

        -- result
        assessment,
        scale_score,
        performance_level,
        proficient,
        proficient = 'Y' as is_proficient,

        -- lineage
        _ids_row_number as source_row_number,
        _ids_duplicates_collapsed as duplicates_collapsed

    from base

)

select * from renamed

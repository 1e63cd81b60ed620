{#- The generator's truth map keyed like the linkage records, for every evaluation model. Empty for
    real extracts (no truth file). Never read by a mart. -#}

with

truth as (

    select * from {{ ref('stg_truth__person_map') }}

),

final as (

    select
        source_system || ':' || source_person_id as record_key,
        source_system,
        source_person_id,
        true_person_id
    from truth

)

select * from final

{#- The identity contract: one row per distinct source person id of every extract, with its
    person_id. Restricted zone. -#}

with

records as (

    select * from {{ ref('int_person_records') }}

),

registry as (

    select * from {{ ref('person_registry') }}

),

clusters as (

    select * from {{ ref('int_person_clusters') }}

),

final as (

    select
        records.source_system,
        records.source_person_id,
        registry.person_id,
        records.record_key,
        clusters.cluster_size as records_in_person,
        case when clusters.cluster_size = 1 then 'singleton' else 'matched' end as match_status,
        registry.first_person_id,
        registry.person_id != registry.first_person_id as person_id_changed_by_merge
    from records
    inner join registry on records.record_key = registry.record_key
    inner join clusters on records.record_key = clusters.record_key

)

select * from final

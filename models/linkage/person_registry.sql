{{
    config(
        materialized='incremental',
        unique_key='record_key',
        incremental_strategy='delete+insert',
    )
}}

{#- The person registry: a stable person_id per source record, kept from one batch to the next.

    On every run it reads its own previous state and reconciles it with the new clustering:
    * a person whose records were already linked keeps the id (adding records renames no one);
    * each earlier id lives on in the cluster holding most of its records (ties: smaller cluster
      key), so when a cluster splits the id stays with its larger part;
    * when a cluster holds several earlier ids (a batch proved them one person), the id held by
      more of its records survives (ties: the smaller id); the others are recorded as merged;
    * a cluster without an earlier id gets one derived from its cluster key (its smallest record
      key), so new ids do not depend on row order, threads, or the order batches arrive in.
    `first_person_id` keeps the id a record was first given, so every merge or split stays
    visible. `dbt build --full-refresh` starts the registry over. -#}

with

clusters as (

    select
        record_key,
        cluster_key
    from {{ ref('int_person_clusters') }}

),

previous as (

    {% if is_incremental() -%}
    select
        record_key,
        person_id,
        first_person_id,
        first_seen_at
    from {{ this }}
    {%- else -%}
    select
        cast(null as varchar) as record_key,
        cast(null as varchar) as person_id,
        cast(null as varchar) as first_person_id,
        cast(null as timestamp) as first_seen_at
    where false
    {%- endif %}

),

id_cluster_counts as (

    select
        previous.person_id,
        clusters.cluster_key,
        count(*) as n_records
    from clusters
    inner join previous on clusters.record_key = previous.record_key
    group by previous.person_id, clusters.cluster_key

),

id_home as (

    select *
    from id_cluster_counts
    qualify row_number() over (partition by person_id order by n_records desc, cluster_key asc) = 1

),

surviving_ids as (

    select
        cluster_key,
        person_id
    from id_home
    qualify row_number() over (partition by cluster_key order by n_records desc, person_id asc) = 1

),

new_clusters as (

    select distinct clusters.cluster_key
    from clusters
    left join surviving_ids on clusters.cluster_key = surviving_ids.cluster_key
    where surviving_ids.cluster_key is null

),

derived_ids as (

    select
        cluster_key,
        'P' || left(sha256(cluster_key), 16) as derived_id,
        'P' || left(sha256(cluster_key || '#1'), 16) as rederived_id
    from new_clusters

),

previous_ids as (

    select distinct person_id from previous

),

new_ids as (

    select
        derived_ids.cluster_key,
        -- a derived id still held by an earlier person (the larger part of a split) is re-derived
        case
            when previous_ids.person_id is not null then derived_ids.rederived_id
            else derived_ids.derived_id
        end as person_id
    from derived_ids
    left join previous_ids on derived_ids.derived_id = previous_ids.person_id

),

cluster_ids as (

    select
        cluster_key,
        person_id
    from surviving_ids
    union all
    select
        cluster_key,
        person_id
    from new_ids

),

final as (

    select
        clusters.record_key,
        cluster_ids.person_id,
        coalesce(previous.first_person_id, cluster_ids.person_id) as first_person_id,
        coalesce(previous.first_seen_at, current_localtimestamp()) as first_seen_at,
        previous.record_key is null as is_new_record,
        case when previous.person_id != cluster_ids.person_id then previous.person_id end as merged_from_person_id
    from clusters
    inner join cluster_ids on clusters.cluster_key = cluster_ids.cluster_key
    left join previous on clusters.record_key = previous.record_key

)

select * from final

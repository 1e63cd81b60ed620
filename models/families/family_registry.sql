{{
    config(
        materialized='incremental',
        unique_key='person_id',
        incremental_strategy='delete+insert',
    )
}}

{#- The family registry: a stable family_id per person_id, kept from one batch to the next the way
    linkage.person_registry keeps person_id.

    The families of this batch are the clusters of int_family_members (their cluster key is the
    smallest person_id of the family); a person in no stated context is a family of one (cluster
    key: their own person_id). On every run the registry reconciles them with its previous state:
    * a family whose members were already registered keeps its id (new members rename no one);
    * each earlier id lives on in the family holding most of its earlier members (ties: smaller
      cluster key), so when a family splits the id stays with its larger part;
    * when a family holds several earlier ids (two families turned out to be one household), the
      id held by more of its members survives (ties: the smaller id); the others are recorded as
      merged (merged_from_family_id);
    * a family without an earlier id gets one derived from its cluster key ('F' + 16 hex digits of
      its SHA-256), re-derived once if a split's larger part still holds that id.
    first_family_id keeps the id a person was first given. A person_id that linkage later retires
    (merged into another person) keeps its last row here; family_crosswalk reads only the current
    persons of linkage.person_index. `dbt build --full-refresh` starts the registry over. -#}

with

persons as (

    select person_id from {{ ref('person_index') }}

),

members as (

    select * from {{ ref('int_family_members') }}

),

member_clusters as (

    select
        person_id,
        min(person_id) over (partition by family_cluster_key) as cluster_key
    from members

),

clusters as (

    select
        persons.person_id,
        coalesce(member_clusters.cluster_key, persons.person_id) as cluster_key
    from persons
    left join member_clusters on persons.person_id = member_clusters.person_id

),

previous as (

    {% if is_incremental() -%}
    select
        person_id,
        family_id,
        first_family_id,
        first_seen_at
    from {{ this }}
    {%- else -%}
    select
        cast(null as varchar) as person_id,
        cast(null as varchar) as family_id,
        cast(null as varchar) as first_family_id,
        cast(null as timestamp) as first_seen_at
    where false
    {%- endif %}

),

id_cluster_counts as (

    select
        previous.family_id,
        clusters.cluster_key,
        count(*) as n_persons
    from clusters
    inner join previous on clusters.person_id = previous.person_id
    group by previous.family_id, clusters.cluster_key

),

id_home as (

    select *
    from id_cluster_counts
    qualify row_number() over (partition by family_id order by n_persons desc, cluster_key asc) = 1

),

surviving_ids as (

    select
        cluster_key,
        family_id
    from id_home
    qualify row_number() over (partition by cluster_key order by n_persons desc, family_id asc) = 1

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
        'F' || left(sha256(cluster_key), 16) as derived_id,
        'F' || left(sha256(cluster_key || '#1'), 16) as rederived_id
    from new_clusters

),

previous_ids as (

    select distinct family_id from previous

),

new_ids as (

    select
        derived_ids.cluster_key,
        case
            when previous_ids.family_id is not null then derived_ids.rederived_id
            else derived_ids.derived_id
        end as family_id
    from derived_ids
    left join previous_ids on derived_ids.derived_id = previous_ids.family_id

),

cluster_ids as (

    select
        cluster_key,
        family_id
    from surviving_ids
    union all
    select
        cluster_key,
        family_id
    from new_ids

),

final as (

    select
        clusters.person_id,
        cluster_ids.family_id,
        coalesce(previous.first_family_id, cluster_ids.family_id) as first_family_id,
        coalesce(previous.first_seen_at, current_localtimestamp()) as first_seen_at,
        previous.person_id is null as is_new_person,
        case when previous.family_id != cluster_ids.family_id then previous.family_id end as merged_from_family_id
    from clusters
    inner join cluster_ids on clusters.cluster_key = cluster_ids.cluster_key
    left join previous on clusters.person_id = previous.person_id

)

select * from final

{#- Every clerical review decision and what became of it, so none is silently ignored:
    `applied` (a link's records are one person, an unlink's are not), `not_applied` (a link refused
    because it would join records a reviewer kept apart), `record_missing` (a record it names is no
    longer in any extract), `superseded` (a later decision on the same pair), `invalid` (not `link`
    or `unlink`, a bad date, or a record paired with itself). -#}

with

decisions as (

    select * from {{ ref('stg_review__decisions') }}

),

in_force as (

    select * from {{ ref('int_review_decisions') }}

),

clusters as (

    select * from {{ ref('int_person_clusters') }}

),

final as (

    select
        decisions.review_decision_id,
        decisions.decision_source,
        decisions.record_key_l,
        decisions.record_key_r,
        decisions.decision,
        decisions.reviewer,
        decisions.decided_on,
        decisions.note,
        case
            when not decisions.is_valid then 'invalid'
            when in_force.review_decision_id != decisions.review_decision_id then 'superseded'
            when not in_force.records_exist then 'record_missing'
            when (cl.cluster_key = cr.cluster_key) = (decisions.decision = 'link') then 'applied'
            else 'not_applied'
        end as decision_status,
        cl.cluster_key = cr.cluster_key as currently_linked
    from decisions
    left join in_force
        on
            decisions.record_key_l = in_force.record_key_l
            and decisions.record_key_r = in_force.record_key_r
    left join clusters as cl on decisions.record_key_l = cl.record_key
    left join clusters as cr on decisions.record_key_r = cr.record_key

)

select * from final

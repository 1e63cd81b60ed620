{#- The clerical decision in force on each record pair: the latest valid decision (ties: `unlink`,
    the cautious one), and whether both records still exist. int_person_clusters applies the ones
    on existing records, above any score. -#}

with

decisions as (

    select * from {{ ref('stg_review__decisions') }}
    where is_valid

),

records as (

    select record_key from {{ ref('int_person_records') }}

),

current_decisions as (

    select *
    from decisions
    qualify row_number() over (
        partition by record_key_l, record_key_r
        order by decided_on desc nulls last, decision = 'unlink' desc, review_decision_id
    ) = 1

),

final as (

    select
        current_decisions.record_key_l,
        current_decisions.record_key_r,
        current_decisions.review_decision_id,
        current_decisions.decision,
        current_decisions.reviewer,
        current_decisions.decided_on,
        records_l.record_key is not null and records_r.record_key is not null as records_exist
    from current_decisions
    left join records as records_l on current_decisions.record_key_l = records_l.record_key
    left join records as records_r on current_decisions.record_key_r = records_r.record_key

)

select * from final

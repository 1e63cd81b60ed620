{#- Clerical review queue: candidate pairs whose match probability is between the review threshold
    and the match threshold, and pairs above it that a rule kept apart (link_veto: twins), with the
    comparison levels a reviewer needs. Only undecided pairs: a pair a reviewer has decided
    (int_review_decisions) is not asked again. -#}

with

scored as (

    select * from {{ ref('int_scored_pairs') }}

),

clusters as (

    select * from {{ ref('int_person_clusters') }}

),

decided as (

    select * from {{ ref('int_review_decisions') }}

),

final as (

    select
        scored.pair_id,
        scored.record_key_l,
        scored.record_key_r,
        scored.match_probability,
        scored.match_weight,
        scored.first_name_level,
        scored.middle_name_level,
        scored.last_name_level,
        scored.dob_level,
        scored.ssn_level,
        scored.sex_level,
        scored.zip_level,
        scored.household_level,
        scored.first_blocking_rule,
        scored.link_veto,
        cl.cluster_key = cr.cluster_key as currently_linked
    from scored
    inner join clusters as cl on scored.record_key_l = cl.record_key
    inner join clusters as cr on scored.record_key_r = cr.record_key
    left join decided
        on
            scored.record_key_l = decided.record_key_l
            and scored.record_key_r = decided.record_key_r
    where
        decided.record_key_l is null
        and (
            (
                scored.match_probability >= {{ ids_linkage_setting('review_lower_threshold') }}
                and scored.match_probability < {{ ids_linkage_setting('match_threshold') }}
            )
            or (
                scored.match_probability >= {{ ids_linkage_setting('match_threshold') }}
                and scored.link_veto is not null
            )
        )

)

select * from final

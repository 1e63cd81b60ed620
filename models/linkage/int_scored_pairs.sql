{#- Match weight and probability of every candidate pair: the sum of log2(m/u) over its comparison
    levels (missing levels add nothing), a term-frequency adjustment on exact name matches (agreeing
    on GARCIA is weaker evidence than agreeing on a rare name), plus the prior log-odds that two
    random records are the same person (linkage_parameters). -#}

with

comparisons as (

    select * from {{ ref('int_pair_comparisons') }}

),

parameters as (

    select * from {{ ref('linkage_parameters') }}

),

records as (

    select * from {{ ref('int_person_records') }}

),

model as (

    select
        map_from_entries(list((parameter_id, match_weight))) as weight_of,
        map_from_entries(list((parameter_id, u_probability))) as u_of,
        log2(any_value(prior_match_probability) / (1 - any_value(prior_match_probability))) as prior_weight
    from parameters

),

first_name_tf as (

    select
        first_key as name_key,
        count(*) / sum(count(*)) over () as tf
    from records
    where first_key is not null and not first_is_initial_only
    group by first_key

),

last_name_tf as (

    select
        last_key as name_key,
        count(*) / sum(count(*)) over () as tf
    from records
    where last_key is not null
    group by last_key

),

weighted as (

    select
        comparisons.*,
        coalesce(model.weight_of['first_name:' || comparisons.first_name_level], 0) as first_name_weight,
        coalesce(model.weight_of['middle_name:' || comparisons.middle_name_level], 0) as middle_name_weight,
        coalesce(model.weight_of['last_name:' || comparisons.last_name_level], 0) as last_name_weight,
        coalesce(model.weight_of['dob:' || comparisons.dob_level], 0) as dob_weight,
        coalesce(model.weight_of['ssn:' || comparisons.ssn_level], 0) as ssn_weight,
        coalesce(model.weight_of['sex:' || comparisons.sex_level], 0) as sex_weight,
        coalesce(model.weight_of['zip:' || comparisons.zip_level], 0) as zip_weight,
        coalesce(model.weight_of['household:' || comparisons.household_level], 0) as household_weight,
        -- an exact match on a name shared by a share tf of records is worth log2(u_exact / tf)
        -- more (rare name) or less (common name) than the average exact match, within bounds
        -- (least/greatest skip nulls in DuckDB, hence the explicit case)
        case
            when first_name_tf.tf is not null
                then greatest(
                    {{ ids_linkage_setting('tf_adjust_min_weight') }},
                    least(
                        {{ ids_linkage_setting('tf_adjust_max_weight') }},
                        log2(model.u_of['first_name:' || comparisons.first_name_level] / first_name_tf.tf)
                    )
                )
            else 0
        end as first_name_tf_adjustment,
        case
            when last_name_tf.tf is not null
                then greatest(
                    {{ ids_linkage_setting('tf_adjust_min_weight') }},
                    least(
                        {{ ids_linkage_setting('tf_adjust_max_weight') }},
                        log2(model.u_of['last_name:' || comparisons.last_name_level] / last_name_tf.tf)
                    )
                )
            else 0
        end as last_name_tf_adjustment,
        model.prior_weight
    from comparisons
    cross join model
    left join first_name_tf on comparisons.tf_first_key = first_name_tf.name_key
    left join last_name_tf on comparisons.tf_last_key = last_name_tf.name_key

),

scored as (

    select
        *,
        prior_weight
        + first_name_weight
        + middle_name_weight
        + last_name_weight
        + dob_weight
        + ssn_weight
        + sex_weight
        + zip_weight
        + household_weight
        + first_name_tf_adjustment
        + last_name_tf_adjustment as match_weight
    from weighted

),

final as (

    select
        *,
        1 / (1 + pow(2, -match_weight)) as match_probability,
        -- the spec's twins: same birth date and family name, different first name. Fellegi-Sunter
        -- multiplies the rarity of a shared DOB and a shared last name as if they were independent,
        -- which twins are not; unless an SSN says otherwise, such a pair is never linked (it goes to
        -- the review queue)
        case
            when first_name_level = 0 and dob_level = 4 and last_name_level >= 2 and coalesce(ssn_level, 0) < 2
                then 'twins: same DOB and last name, different first name'
        end as link_veto
    from scored

)

select * from final

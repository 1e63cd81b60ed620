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
        -- Hazards the spec says must not be merged, refused from what they are rather than from a
        -- score (Fellegi-Sunter multiplies the rarity of a shared DOB and a shared last name as if
        -- they were independent, which in a family they are not). Vetoed pairs are kept apart
        -- through chaining too (int_person_clusters) and go to the review queue, where a
        -- reviewer's decision can still link them.
        -- * twins: same birth date (or one a typo of it) and family name, and first names that no
        --   nickname, clipping, swap, middle-name use, typo or phonetic spelling explains
        --   (first_names_agree), when
        --   - the names disagree outright (first-name level 0-1), unless the SSNs are the same
        --     nine digits and the sexes do not disagree (each twin has an SSN of their own; the
        --     SSN the spec says a child may carry is a parent's, a generation apart, below); or
        --   - they are only alike (a shared initial or sound, level 2: twins' names often are),
        --     the SSNs are not the same nine digits, and anything else says two people: different sexes, two SSNs that are not the same
        --     (twins' SSNs are issued together, before 2011 often one apart, so an SSN one
        --     keystroke off is a typo only when the names agree), different middle names, or both
        --     records listed in one family group of one source (a case lists each member once).
        --   Same DOB and last name, different sex and not the same first name (MARIO / MARIA, or
        --   TONY / TONI, whose nickname groups overlap) is twins too: the spec records no sex
        --   errors, and neither data set we measure on has one true pair of different sexes.
        -- * juniors/seniors: different generational suffixes (JR / SR, II / III), or a suffix on
        --   one record only with no DOB or SSN to compare.
        -- * a child carrying a parent's SSN, a junior and his senior: recorded birth years a
        --   generation apart (12 years or more; a one-digit year typo is dob_level 3), neither an
        --   estimate; or a DOL wage record against a person who was under 10 when the wages were
        --   first paid (below any age the Fair Labor Standards Act allows covered work).
        case
            when
                dob_level >= 2 and last_name_level >= 2 and not first_names_agree
                and first_name_level <= 1
                and not (coalesce(ssn_level, 0) = 3 and coalesce(sex_level, 1) = 1)
                then 'twins: same DOB and last name, first names disagree'
            when
                dob_level >= 2 and last_name_level >= 2 and not first_names_agree
                and (
                    sex_level = 0 or ssn_level in (0, 2) or middle_name_level = 0 or shares_family_group
                )
                and not (coalesce(ssn_level, 0) = 3 and coalesce(sex_level, 1) = 1)
                then 'twins: same DOB and last name, alike first names, and sex, SSN, middle name or household says two people'
            when dob_level >= 2 and last_name_level >= 2 and sex_level = 0 and first_name_level < 5
                then 'twins: same DOB and last name, different sex and first name'
            when suffixes_differ
                then 'junior/senior: different generational suffixes'
            -- a name that marks a generation (JR) against the same name without the mark, and
            -- nothing but names to go on: it could be the junior or his senior
            when suffix_one_sided and dob_level is null and ssn_level is null
                then 'junior/senior: one record carries a generational suffix, no DOB or SSN tells which'
            when dob_level = 0 and birth_years_apart >= 12
                then 'generations: birth years 12 or more apart'
            -- federal child labor law permits no covered work below age 10 (hand-harvest waivers
            -- start there; most work starts at 14, farm work with consent at 12)
            when age_at_first_wages < 10
                then 'generations: wages earned before age 10 (a child carrying a parent''s SSN)'
        end as link_veto,
        -- a veto that holds through chaining (int_person_clusters): evidence of two people beyond
        -- the names (different generations or suffixes; for twins, one family group of one source,
        -- different sexes, or two SSNs that differ). A veto on names alone only refuses the pair:
        -- a nickname no list knows must not split a person whose other records agree.
        coalesce(
            (dob_level = 0 and birth_years_apart >= 12)
            or age_at_first_wages < 10
            or suffixes_differ
            or (
                dob_level >= 2 and last_name_level >= 2 and coalesce(first_name_level, 0) < 4
                and (shares_family_group or sex_level = 0 or ssn_level in (0, 2))
                and not coalesce(first_names_agree, true)
            ),
            false
        ) as keep_apart
    from scored

)

select * from final

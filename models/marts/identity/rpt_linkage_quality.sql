{#- How good the person linkage is, de-identified for the report's linkage page: the pairwise
    evaluation per scope (linkage_evaluation) and the false merges by hazard kind
    (linkage_hazard_report), one row per figure set. Counts of 1 to min_cell_size - 1 are
    suppressed, with the rates they could be recomputed from. -#}

with

evaluation as (

    select * from {{ ref('linkage_evaluation') }}

),

hazards as (

    select * from {{ ref('linkage_hazard_report') }}

),

pairwise as (

    select
        'pairwise_' || evaluation.scope
        || case when evaluation.source_system_l = 'any' then '' else '_' || evaluation.source_system_l end
        || case when evaluation.source_system_r = 'any' then '' else '_' || evaluation.source_system_r end
            as quality_item,
        'pairwise' as section,
        evaluation.scope,
        evaluation.truth_available,
        evaluation.n_records,
        evaluation.n_persons,
        evaluation.predicted_pairs as n_linked_pairs,
        evaluation.true_pairs as n_true_pairs,
        evaluation.false_positive_pairs as n_false_positive_pairs,
        evaluation.false_negative_pairs as n_false_negative_pairs,
        cast(null as bigint) as n_merged_true_person_pairs,
        evaluation.pair_precision,
        evaluation.pair_recall,
        evaluation.pair_f1
    from evaluation

),

false_merges as (

    select
        'false_merges_' || hazards.hazard as quality_item,
        'false_merges' as section,
        hazards.hazard as scope,
        hazards.truth_available,
        cast(null as bigint) as n_records,
        cast(null as bigint) as n_persons,
        cast(null as bigint) as n_linked_pairs,
        cast(null as bigint) as n_true_pairs,
        cast(null as bigint) as n_false_positive_pairs,
        cast(null as bigint) as n_false_negative_pairs,
        hazards.merged_true_person_pairs as n_merged_true_person_pairs,
        cast(null as double) as pair_precision,
        cast(null as double) as pair_recall,
        cast(null as double) as pair_f1
    from hazards

),

combined as (

    select * from pairwise
    union all
    select * from false_merges

),

final as (

    select
        quality_item,
        section,
        scope,
        truth_available,
        cast({{ ids_suppress('n_records') }} as bigint) as n_records,
        cast({{ ids_suppress('n_persons') }} as bigint) as n_persons,
        cast({{ ids_suppress('n_linked_pairs') }} as bigint) as n_linked_pairs,
        cast({{ ids_suppress('n_true_pairs') }} as bigint) as n_true_pairs,
        cast({{ ids_suppress('n_false_positive_pairs') }} as bigint) as n_false_positive_pairs,
        cast({{ ids_suppress('n_false_negative_pairs') }} as bigint) as n_false_negative_pairs,
        cast(
            {{ ids_suppress('n_merged_true_person_pairs') }} as bigint
        ) as n_merged_true_person_pairs,
        -- a rate from which a suppressed count could be recomputed is suppressed with it
        cast(
            case when {{ ids_is_small_cell('n_false_positive_pairs') }} then null else pair_precision end
            as double
        ) as pair_precision,
        cast(
            case when {{ ids_is_small_cell('n_false_negative_pairs') }} then null else pair_recall end
            as double
        ) as pair_recall,
        cast(
            case
                when
                    {{ ids_is_small_cell('n_false_positive_pairs') }}
                    or {{ ids_is_small_cell('n_false_negative_pairs') }}
                    then null
                else pair_f1
            end as double
        ) as pair_f1,
        (
            {{ ids_is_small_cell('n_records') }}
            or {{ ids_is_small_cell('n_persons') }}
            or {{ ids_is_small_cell('n_linked_pairs') }}
            or {{ ids_is_small_cell('n_true_pairs') }}
            or {{ ids_is_small_cell('n_false_positive_pairs') }}
            or {{ ids_is_small_cell('n_false_negative_pairs') }}
            or {{ ids_is_small_cell('n_merged_true_person_pairs') }}
        ) as is_suppressed
    from combined

)

select * from final

{#- Pairwise precision, recall and F1 of the person index against the generator's truth map, from
    contingency counts (no pair is listed): true positives are the record pairs that share both a
    person_id and a true person, sum of n(n-1)/2 over (person_id, true person) cells. Reported over
    all pairs, over pairs from two different source systems, and within one source (duplicate
    registrations). One row per scope; empty truth (real data) gives nulls and truth_available =
    false. -#}

with

crosswalk as (

    select * from {{ ref('person_crosswalk') }}

),

truth as (

    select * from {{ ref('int_truth_records') }}

),

labelled as (

    select
        crosswalk.source_system,
        crosswalk.person_id,
        truth.true_person_id
    from crosswalk
    inner join truth
        on
            crosswalk.source_system = truth.source_system
            and crosswalk.source_person_id = truth.source_person_id

),

-- pairs within a group of n records: n(n-1)/2; cross-source pairs subtract same-source pairs
cell_counts as (

    select
        person_id,
        true_person_id,
        source_system,
        count(*) as n
    from labelled
    group by all

),

pair_counts as (

    select
        'tp' as kind,
        person_id as group_a,
        true_person_id as group_b,
        source_system,
        n
    from cell_counts
    union all
    select
        'predicted' as kind,
        person_id as group_a,
        null as group_b,
        source_system,
        n
    from cell_counts
    union all
    select
        'actual' as kind,
        null as group_a,
        true_person_id as group_b,
        source_system,
        n
    from cell_counts

),

by_source as (

    select
        kind,
        group_a,
        group_b,
        source_system,
        sum(n) as n
    from pair_counts
    group by kind, group_a, group_b, source_system

),

grouped as (

    select
        kind,
        group_a,
        group_b,
        sum(n) as n_all,
        sum(n * (n - 1) / 2) as within_source_pairs
    from by_source
    group by kind, group_a, group_b

),

totals as (

    select
        kind,
        sum(n_all * (n_all - 1) / 2) as all_pairs,
        sum(within_source_pairs) as within_source_pairs
    from grouped
    group by kind

),

scopes as (

    select
        'all' as scope,
        kind,
        all_pairs as pairs
    from totals
    union all
    select
        'cross_source' as scope,
        kind,
        all_pairs - within_source_pairs as pairs
    from totals
    union all
    select
        'within_source' as scope,
        kind,
        within_source_pairs as pairs
    from totals

),

pivoted as (

    select
        scope,
        coalesce(sum(pairs) filter (where kind = 'tp'), 0) as true_positive_pairs,
        coalesce(sum(pairs) filter (where kind = 'predicted'), 0) as predicted_pairs,
        coalesce(sum(pairs) filter (where kind = 'actual'), 0) as true_pairs
    from scopes
    group by scope

),

all_scopes as (

    select unnest(['all', 'cross_source', 'within_source']) as scope

),

coverage as (

    select
        (select count(*) as n from crosswalk) as n_records,
        (select count(*) as n from labelled) as n_records_with_truth,
        (select count(distinct crosswalk.person_id) as n from crosswalk) as n_persons,
        (select count(distinct labelled.true_person_id) as n from labelled) as n_true_persons

),

final as (

    select
        all_scopes.scope,
        coverage.n_records_with_truth > 0 as truth_available,
        coverage.n_records,
        coverage.n_records_with_truth,
        coverage.n_persons,
        coverage.n_true_persons,
        pivoted.true_positive_pairs,
        pivoted.predicted_pairs,
        pivoted.true_pairs,
        pivoted.predicted_pairs - pivoted.true_positive_pairs as false_positive_pairs,
        pivoted.true_pairs - pivoted.true_positive_pairs as false_negative_pairs,
        pivoted.true_positive_pairs / nullif(pivoted.predicted_pairs, 0) as pair_precision,
        pivoted.true_positive_pairs / nullif(pivoted.true_pairs, 0) as pair_recall,
        2 * pivoted.true_positive_pairs
        / nullif(pivoted.predicted_pairs + pivoted.true_pairs, 0) as pair_f1
    from all_scopes
    cross join coverage
    left join pivoted on all_scopes.scope = pivoted.scope

)

select * from final

{#- Pairwise precision, recall and F1 of the person index against the generator's truth map, from
    contingency counts (no pair is listed): true positives are the record pairs that share both a
    person_id and a true person, sum of n(n-1)/2 over (person_id, true person) cells (n_l * n_r
    across two sources). The truth map leads: a truth record missing from the crosswalk counts as a
    person of its own (its pairs are false negatives), never joined away. DOL rows whose SSN is
    unusable name no one (int_person_identities) and are left out, counted apart.
    Rows: scope `all`, `cross_source`, `within_source` (source columns `any`); scope `source`, one
    per source system, its pairs with records of every other source (cross-source recall per
    source); scope `source_pair`, one per pair of source systems (the same system twice: duplicate
    registrations). Empty truth (real data) gives nulls and truth_available = false. -#}

with

crosswalk as (

    select * from {{ ref('person_crosswalk') }}

),

truth as (

    select * from {{ ref('int_truth_records') }}

),

dol_wages as (

    select * from {{ ref('stg_dol__ui_wages') }}

),

-- a DOL source id whose rows never carry a usable SSN names no one: not expected in the crosswalk
dol_unlinkable as (

    select ssn_raw as source_person_id
    from dol_wages
    group by ssn_raw
    having count(ssn) = 0

),

evaluated_truth as (

    select truth.*
    from truth
    left join dol_unlinkable
        on
            truth.source_system = 'dol'
            and truth.source_person_id = dol_unlinkable.source_person_id
    where dol_unlinkable.source_person_id is null

),

labelled as (

    select
        evaluated_truth.source_system,
        evaluated_truth.true_person_id,
        crosswalk.person_id is null as is_missing,
        coalesce(crosswalk.person_id, 'missing:' || evaluated_truth.record_key) as person_id
    from evaluated_truth
    left join crosswalk
        on
            evaluated_truth.source_system = crosswalk.source_system
            and evaluated_truth.source_person_id = crosswalk.source_person_id

),

cell_counts as (

    select
        person_id,
        true_person_id,
        source_system,
        count(*) as n
    from labelled
    group by all

),

-- the three groupings whose within-group pairs are counted: (person_id, true person) cells give the
-- true positives, person ids the predicted pairs, true persons the true pairs
groups as (

    select
        'tp' as kind,
        person_id || '|' || true_person_id as group_key,
        source_system,
        n
    from cell_counts
    union all
    select
        'predicted' as kind,
        person_id as group_key,
        source_system,
        sum(n) as n
    from cell_counts
    group by person_id, source_system
    union all
    select
        'actual' as kind,
        true_person_id as group_key,
        source_system,
        sum(n) as n
    from cell_counts
    group by true_person_id, source_system

),

source_pair_counts as (

    select
        l.kind,
        l.source_system as source_system_l,
        r.source_system as source_system_r,
        sum(
            case
                when l.source_system = r.source_system then l.n * (l.n - 1) / 2
                else l.n * r.n
            end
        ) as pairs
    from groups as l
    inner join groups as r
        on
            l.kind = r.kind
            and l.group_key = r.group_key
            and l.source_system <= r.source_system
    group by l.kind, l.source_system, r.source_system

),

sources as (

    select distinct source_system from labelled

),

scoped as (

    select
        'all' as scope,
        'any' as source_system_l,
        'any' as source_system_r,
        kind,
        pairs
    from source_pair_counts
    union all
    select
        'cross_source' as scope,
        'any' as source_system_l,
        'any' as source_system_r,
        kind,
        pairs
    from source_pair_counts
    where source_system_l != source_system_r
    union all
    select
        'within_source' as scope,
        'any' as source_system_l,
        'any' as source_system_r,
        kind,
        pairs
    from source_pair_counts
    where source_system_l = source_system_r
    union all
    select
        'source' as scope,
        sources.source_system as source_system_l,
        'other' as source_system_r,
        source_pair_counts.kind,
        source_pair_counts.pairs
    from source_pair_counts
    inner join sources
        on sources.source_system in (source_pair_counts.source_system_l, source_pair_counts.source_system_r)
    where source_pair_counts.source_system_l != source_pair_counts.source_system_r
    union all
    select
        'source_pair' as scope,
        source_system_l,
        source_system_r,
        kind,
        pairs
    from source_pair_counts

),

pivoted as (

    select
        scope,
        source_system_l,
        source_system_r,
        coalesce(sum(pairs) filter (where kind = 'tp'), 0) as true_positive_pairs,
        coalesce(sum(pairs) filter (where kind = 'predicted'), 0) as predicted_pairs,
        coalesce(sum(pairs) filter (where kind = 'actual'), 0) as true_pairs
    from scoped
    group by scope, source_system_l, source_system_r

),

-- the overall scopes exist even without truth (real data), with null metrics
overall_scopes as (

    select
        unnest(['all', 'cross_source', 'within_source']) as scope,
        'any' as source_system_l,
        'any' as source_system_r

),

all_rows as (

    select
        scope,
        source_system_l,
        source_system_r
    from overall_scopes
    union
    select
        scope,
        source_system_l,
        source_system_r
    from pivoted

),

coverage as (

    select
        (select count(*) as n from crosswalk) as n_records,
        (select count(*) as n from labelled) as n_records_with_truth,
        (select count(*) filter (where labelled.is_missing) as n from labelled) as n_truth_records_missing,
        (select count(*) as n from truth) - (select count(*) as n from evaluated_truth) as n_truth_records_unlinkable,
        (select count(distinct crosswalk.person_id) as n from crosswalk) as n_persons,
        (select count(distinct labelled.true_person_id) as n from labelled) as n_true_persons

),

final as (

    select
        all_rows.scope,
        all_rows.source_system_l,
        all_rows.source_system_r,
        coverage.n_records_with_truth > 0 as truth_available,
        coverage.n_records,
        coverage.n_records_with_truth,
        coverage.n_truth_records_missing,
        coverage.n_truth_records_unlinkable,
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
    from all_rows
    cross join coverage
    left join pivoted
        on
            all_rows.scope = pivoted.scope
            and all_rows.source_system_l = pivoted.source_system_l
            and all_rows.source_system_r = pivoted.source_system_r

)

select * from final

{#- Pairwise precision, recall and F1 of "same family" over true persons, against the generator's
    truth_family_map, from contingency counts (as linkage_evaluation does: no pair is listed), plus
    role accuracy. Two rows:
    * family_crosswalk: the warehouse's families. A true person is put on the person_id holding most
      of their records (ties: the smaller id) and takes that person's family and role.
    * explicit_context_bound: what the extracts can tell at best without inference: perfect linkage
      (the truth person map) and a plain union of every stated case, household, family and report
      (int_family_context_bound). Members who never appear with their family in any extract (a
      father seen only in wage records) keep its recall below 1.
    The universe is the true persons of the truth family map seen in at least one extract. Without a
    truth map (real data) the metrics are null and truth_available is false. -#}

with

truth_records as (

    select * from {{ ref('int_truth_records') }}

),

truth_families as (

    select * from {{ ref('stg_truth__family_map') }}

),

crosswalk as (

    select * from {{ ref('person_crosswalk') }}

),

families as (

    select * from {{ ref('family_crosswalk') }}

),

context_bound as (

    select * from {{ ref('int_family_context_bound') }}

),

person_votes as (

    select
        truth_records.true_person_id,
        crosswalk.person_id,
        count(*) as n_records
    from truth_records
    inner join crosswalk on truth_records.record_key = crosswalk.record_key
    group by truth_records.true_person_id, crosswalk.person_id

),

true_person_on_person as (

    select
        true_person_id,
        person_id
    from person_votes
    qualify row_number() over (partition by true_person_id order by n_records desc, person_id asc) = 1

),

labelled as (

    select
        'family_crosswalk' as scope,
        truth_families.true_person_id,
        truth_families.true_family_id,
        truth_families.role_in_family as true_role,
        families.family_id as predicted_family,
        families.role_in_family as predicted_role
    from truth_families
    inner join true_person_on_person on truth_families.true_person_id = true_person_on_person.true_person_id
    inner join families on true_person_on_person.person_id = families.person_id
    union all
    select
        'explicit_context_bound' as scope,
        truth_families.true_person_id,
        truth_families.true_family_id,
        truth_families.role_in_family as true_role,
        context_bound.bound_cluster_key as predicted_family,
        null as predicted_role
    from truth_families
    inner join context_bound on truth_families.true_person_id = context_bound.true_person_id

),

cells as (

    select
        scope,
        predicted_family,
        true_family_id,
        count(*) as n
    from labelled
    group by scope, predicted_family, true_family_id

),

predicted_groups as (

    select
        scope,
        sum(n) as n
    from cells
    group by scope, predicted_family

),

true_groups as (

    select
        scope,
        sum(n) as n
    from cells
    group by scope, true_family_id

),

pair_totals as (

    select
        scope,
        'tp' as kind,
        sum(n * (n - 1) / 2) as pairs
    from cells
    group by scope
    union all
    select
        scope,
        'predicted' as kind,
        sum(n * (n - 1) / 2) as pairs
    from predicted_groups
    group by scope
    union all
    select
        scope,
        'actual' as kind,
        sum(n * (n - 1) / 2) as pairs
    from true_groups
    group by scope

),

pivoted as (

    select
        scope,
        coalesce(sum(pairs) filter (where kind = 'tp'), 0) as true_positive_pairs,
        coalesce(sum(pairs) filter (where kind = 'predicted'), 0) as predicted_pairs,
        coalesce(sum(pairs) filter (where kind = 'actual'), 0) as true_pairs
    from pair_totals
    group by scope

),

roles as (

    select
        scope,
        count(*) as n_true_persons_seen,
        count(*) filter (where predicted_role = true_role) as n_role_correct,
        count(predicted_role) as n_role_predicted
    from labelled
    group by scope

),

scopes as (

    select unnest(['family_crosswalk', 'explicit_context_bound']) as scope

),

coverage as (

    select
        (select count(*) as n from truth_families) as n_true_persons,
        (select count(distinct true_family_id) as n from truth_families) as n_true_families

),

final as (

    select
        scopes.scope,
        coverage.n_true_persons > 0 as truth_available,
        coverage.n_true_persons,
        coverage.n_true_families,
        coalesce(roles.n_true_persons_seen, 0) as n_true_persons_seen,
        coalesce(pivoted.true_positive_pairs, 0) as true_positive_pairs,
        coalesce(pivoted.predicted_pairs, 0) as predicted_pairs,
        coalesce(pivoted.true_pairs, 0) as true_pairs,
        coalesce(pivoted.predicted_pairs - pivoted.true_positive_pairs, 0) as false_positive_pairs,
        coalesce(pivoted.true_pairs - pivoted.true_positive_pairs, 0) as false_negative_pairs,
        pivoted.true_positive_pairs / nullif(pivoted.predicted_pairs, 0) as pair_precision,
        pivoted.true_positive_pairs / nullif(pivoted.true_pairs, 0) as pair_recall,
        2 * pivoted.true_positive_pairs / nullif(pivoted.predicted_pairs + pivoted.true_pairs, 0) as pair_f1,
        roles.n_role_correct / nullif(roles.n_role_predicted, 0) as role_accuracy
    from scopes
    cross join coverage
    left join pivoted on scopes.scope = pivoted.scope
    left join roles on scopes.scope = roles.scope

)

select * from final

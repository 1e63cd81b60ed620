{#- Candidate record pairs: the union of the blocking rules (macros/linkage/blocking.sql),
    deduplicated, with the first (highest-priority) rule that found the pair and a bit mask of every
    rule that did (bit i-1 = rule i; integer aggregates spill to disk, lists do not, which matters at
    millions of persons). -#}
{%- set rules = ids_blocking_rules() -%}

with

blocking_records as (

    -- a first initial (DOL) is no canonical first name: blocking J SMITH with every other J SMITH
    -- would be quadratic in the wage file; initial-only records block on SSN and DOB-free keys
    select * replace (case when not first_is_initial_only then first_canon end as first_canon)
    from {{ ref('int_person_records') }}

),

{% for rule in rules -%}
rule_{{ loop.index }} as (

    {{ ids_block_on(rule.name, rule.left, rule.get('right'), left_where=rule.get('left_where')) }}

),

{% endfor -%}

found as (

    {% for rule in rules -%}
    select
        *,
        {{ loop.index }} as rule_priority
    from rule_{{ loop.index }}
    {% if not loop.last %}union all
    {% endif -%}
    {% endfor %}

),

deduplicated as (

    select
        record_key_l,
        record_key_r,
        min(rule_priority) as first_rule_priority,
        bit_or(1 << (rule_priority - 1)) as blocking_rule_mask
    from found
    group by record_key_l, record_key_r

),

rule_names as (

    select
        unnest(range(1, {{ rules | length }} + 1)) as rule_priority,
        unnest([{% for rule in rules %}'{{ rule.name }}'{% if not loop.last %}, {% endif %}{% endfor %}]) as rule_name

),

final as (

    select
        md5(deduplicated.record_key_l || '|' || deduplicated.record_key_r) as pair_id,
        deduplicated.record_key_l,
        deduplicated.record_key_r,
        rule_names.rule_name as first_blocking_rule,
        deduplicated.blocking_rule_mask
    from deduplicated
    inner join rule_names on deduplicated.first_rule_priority = rule_names.rule_priority

)

select * from final

{#- Candidate record pairs: the union of the blocking rules (macros/linkage/blocking.sql),
    deduplicated, with every rule that found the pair and the first (highest-priority) one. -#}
{%- set rules = ids_blocking_rules() -%}

with

blocking_records as (

    select * from {{ ref('int_person_records') }}

),

{% for rule in rules -%}
rule_{{ loop.index }} as (

    {{ ids_block_on(rule.name, rule.left, rule.get('right')) }}

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
        first(blocking_rule order by rule_priority) as first_blocking_rule,
        list(distinct blocking_rule order by blocking_rule) as blocking_rules
    from found
    group by record_key_l, record_key_r

),

final as (

    select
        md5(record_key_l || '|' || record_key_r) as pair_id,
        *
    from deduplicated

)

select * from final

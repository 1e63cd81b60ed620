{#- One blocking rule: record pairs whose `left_keys` equal the other record's `right_keys` (the same
    keys unless the rule is asymmetric, like a day/month swap). Emits each pair once, ordered
    (record_key_l < record_key_r), with the rule's name, the way EMPI projects write match rules. -#}
{% macro ids_block_on(rule_name, left_keys, right_keys=none, relation='blocking_records', only_left_null=none) %}
    {%- set symmetric = right_keys is none and only_left_null is none -%}
    {%- set right_keys = right_keys or left_keys -%}
    select
        least(l.record_key, r.record_key) as record_key_l,
        greatest(l.record_key, r.record_key) as record_key_r,
        '{{ rule_name }}' as blocking_rule
    from {{ relation }} as l
    inner join {{ relation }} as r
        on
        {%- for lk in left_keys %}
            l.{{ lk }} = r.{{ right_keys[loop.index0] }} and
        {%- endfor %}
            l.record_key {{ '<' if symmetric else '!=' }} r.record_key
    where
    {%- for lk in left_keys %}
        l.{{ lk }} is not null and
    {%- endfor %}
    {%- if only_left_null %}
        l.{{ only_left_null }} is null and
    {%- endif %}
        true
{% endmacro %}


{#- The blocking rules, in priority order (a pair is credited to the first rule that finds it). -#}
{% macro ids_blocking_rules() %}
    {#- Every rule carries a key that keeps its blocks small at millions of persons: a name alone
        (MARIA GARCIA) would pair thousands of records with each other. Names without any part of
        the DOB are only blocked for records that have no DOB (`only_left_null`). -#}
    {{ return([
        {'name': 'ssn', 'left': ['ssn']},
        {'name': 'dob_first_initial', 'left': ['dob', 'first_initial']},
        {'name': 'dob_last_soundex', 'left': ['dob', 'last_soundex']},
        {'name': 'dob_swapped_last_soundex', 'left': ['dob_swapped', 'last_soundex'], 'right': ['dob', 'last_soundex']},
        {'name': 'last_nysiis_birth_year_initial', 'left': ['last_nysiis', 'dob_year', 'first_initial']},
        {'name': 'names_birth_month_day', 'left': ['first_canon', 'last_key', 'dob_month', 'dob_day']},
        {'name': 'names_birth_year_month', 'left': ['first_canon', 'last_key', 'dob_year', 'dob_month']},
        {'name': 'names_no_dob', 'left': ['first_canon', 'last_key'], 'only_left_null': 'dob'},
        {'name': 'first_last_swapped', 'left': ['first_key', 'last_key'], 'right': ['last_key', 'first_key']},
        {'name': 'ssn_last4_last_soundex_initial', 'left': ['ssn_last4', 'last_soundex', 'first_initial']},
        {'name': 'ssn_first5_last_soundex_initial', 'left': ['ssn_first5', 'last_soundex', 'first_initial']},
    ]) }}
{% endmacro %}

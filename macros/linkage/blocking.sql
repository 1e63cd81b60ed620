{#- One blocking rule: record pairs whose `left_keys` equal the other record's `right_keys` (the same
    keys unless the rule is asymmetric, like a day/month swap). `left_where` (a predicate on `l`)
    restricts one side, e.g. to records without a DOB. Emits each pair once, ordered
    (record_key_l < record_key_r), with the rule's name, the way EMPI projects write match rules. -#}
{% macro ids_block_on(rule_name, left_keys, right_keys=none, relation='blocking_records', left_where=none) %}
    {%- set symmetric = right_keys is none and left_where is none -%}
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
    {%- if left_where %}
        {{ left_where }} and
    {%- endif %}
        true
{% endmacro %}


{#- The blocking rules, in priority order (a pair is credited to the first rule that finds it). -#}
{% macro ids_blocking_rules() %}
    {#- A typo in the first name and one in the last, or one in a name and one in the DOB (each
        alone is common, so both together happen): the DOB with both initials, or the last name and
        first initial with the birth year and month.
        A typo in the birth year and one in a name: the month and day with one name and the
        other's initial. First and last name swapped, and a typo in one of them: the DOB with the
        initials crossed.
        Name changes (spec: adult last-name change over time, often hyphenated in between): a
        record's former or partial last name (last_alt_1/2) against the other's last name, with
        the full DOB, or with the first name where a DOB is missing or an estimate.
        Every rule carries a key that keeps its blocks small at millions of persons: a name alone
        (MARIA GARCIA) would pair thousands of records with each other, and so would a birth date
        with a first initial (some 80 records share a DOB at a million persons). Names without the
        full DOB only block records whose DOB is missing or an estimate (`left_where`). -#}
    {{ return([
        {'name': 'ssn', 'left': ['ssn']},
        {'name': 'dob_first_canon', 'left': ['dob', 'first_canon']},
        {'name': 'dob_last_soundex', 'left': ['dob', 'last_soundex']},
        {'name': 'dob_swapped_last_soundex', 'left': ['dob_swapped', 'last_soundex'], 'right': ['dob', 'last_soundex']},
        {'name': 'names_estimated_birth_year', 'left': ['first_canon', 'last_key', 'dob_year'], 'left_where': 'l.dob_is_estimated'},
        {'name': 'names_birth_month_day', 'left': ['first_canon', 'last_key', 'dob_month', 'dob_day']},
        {'name': 'names_birth_year_month', 'left': ['first_canon', 'last_key', 'dob_year', 'dob_month']},
        {'name': 'names_no_dob', 'left': ['first_canon', 'last_key'], 'left_where': 'l.dob is null'},
        {'name': 'first_last_swapped', 'left': ['first_key', 'last_key', 'dob_year'], 'right': ['last_key', 'first_key', 'dob_year']},
        {'name': 'ssn_last4_last_soundex_initial', 'left': ['ssn_last4', 'last_soundex', 'first_initial']},
        {'name': 'ssn_first5_last_soundex_initial', 'left': ['ssn_first5', 'last_soundex', 'first_initial']},
        {'name': 'ssn_outer7_last_soundex_initial', 'left': ['ssn_outer7', 'last_soundex', 'first_initial']},
        {'name': 'dob_initials', 'left': ['dob', 'first_initial', 'last_initial']},
        {'name': 'dob_initials_swapped', 'left': ['dob', 'first_initial', 'last_initial'], 'right': ['dob', 'last_initial', 'first_initial']},
        {'name': 'last_initial_birth_month_day', 'left': ['last_key', 'first_initial', 'dob_month', 'dob_day']},
        {'name': 'first_last_initial_birth_month_day', 'left': ['first_canon', 'last_initial', 'dob_month', 'dob_day']},
        {'name': 'last_initial_birth_year_month', 'left': ['last_key', 'first_initial', 'dob_year', 'dob_month']},
        {'name': 'dob_last_alt_1', 'left': ['dob', 'last_alt_1'], 'right': ['dob', 'last_key']},
        {'name': 'dob_last_alt_2', 'left': ['dob', 'last_alt_2'], 'right': ['dob', 'last_key']},
        {'name': 'names_last_alt_1_no_full_dob', 'left': ['first_canon', 'last_alt_1'], 'right': ['first_canon', 'last_key'], 'left_where': '(l.dob is null or r.dob is null or l.dob_is_estimated or r.dob_is_estimated)'},
        {'name': 'names_last_alt_2_no_full_dob', 'left': ['first_canon', 'last_alt_2'], 'right': ['first_canon', 'last_key'], 'left_where': '(l.dob is null or r.dob is null or l.dob_is_estimated or r.dob_is_estimated)'},
    ]) }}
{% endmacro %}

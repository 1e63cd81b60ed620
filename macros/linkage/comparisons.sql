{#- Comparison levels of a record pair, one column per field. Convention: higher = stronger
    agreement, 0 = disagreement, null = a side is missing (contributes no evidence). The number of
    levels per comparison is declared once, in COMPARISONS of models/linkage/linkage_parameters.py,
    where EM estimates m per level; change it there when a level is added here. -#}
{% macro ids_compare_records(l, r) %}
        -- first name: 5 exact, 4 nicknames of one name (the same canon, or an ambiguous nickname
        -- one of whose formal names is the other's: TONY / ANTONIO) / names swapped / goes by
        -- middle name, 3 jaro-winkler >= 0.92 or names swapped with a typo, 2 >= 0.80 or same
        -- metaphone or first initial = other's middle initial,
        -- 1 same initial where a side has only an initial (DOL), 0 else (two full names that merely
        -- share an initial disagree)
        case
            when {{ l }}.first_key is null or {{ r }}.first_key is null then null
            when {{ l }}.first_is_initial_only or {{ r }}.first_is_initial_only
                then case
                    when {{ l }}.first_initial = {{ r }}.first_initial then 1
                    -- DOL initial + last name against a record with first and last swapped
                    when {{ l }}.first_is_initial_only and {{ l }}.last_key = {{ r }}.first_key
                        and {{ l }}.first_initial = left({{ r }}.last_key, 1) then 1
                    when {{ r }}.first_is_initial_only and {{ r }}.last_key = {{ l }}.first_key
                        and {{ r }}.first_initial = left({{ l }}.last_key, 1) then 1
                    else 0
                end
            when {{ l }}.first_key = {{ r }}.first_key then 5
            when {{ l }}.first_canon = {{ r }}.first_canon then 4
            when {{ ids_lists_overlap(l ~ '.first_group', r ~ '.first_group') }} then 4
            when {{ l }}.first_key = {{ r }}.last_key and {{ l }}.last_key = {{ r }}.first_key then 4
            when {{ ids_goes_by_middle_name(l, r) }} then 4
            when jaro_winkler_similarity({{ l }}.first_key, {{ r }}.first_key) >= 0.92 then 3
            when {{ ids_names_swapped_with_typo(l, r) }} then 3
            when jaro_winkler_similarity({{ l }}.first_key, {{ r }}.first_key) >= 0.80
                or {{ l }}.first_metaphone = {{ r }}.first_metaphone then 2
            -- goes by the middle name where a source keeps only the middle initial (a full middle
            -- name was compared above: JOSE is not LIAM JAYDEN)
            when length({{ r }}.middle_key) = 1 and {{ l }}.first_initial = {{ r }}.middle_initial
                and coalesce({{ l }}.middle_initial = {{ r }}.first_initial, true) then 2
            when length({{ l }}.middle_key) = 1 and {{ l }}.middle_initial = {{ r }}.first_initial
                and coalesce({{ r }}.middle_initial = {{ l }}.first_initial, true) then 2
            else 0
        end as first_name_level,

        -- last name: 3 exact (or a truncated DOL name that is a prefix of the other),
        -- 2 one contains the other (hyphenated / married names), names swapped (with a typo or
        -- not), one is a former
        -- name or a part of the other (last_alt_1/2), jaro-winkler >= 0.92,
        -- 1 jaro-winkler >= 0.80 or same NYSIIS, 0 else
        case
            when {{ l }}.last_key is null or {{ r }}.last_key is null then null
            when {{ l }}.last_key = {{ r }}.last_key then 3
            when {{ l }}.last_is_truncated and starts_with({{ r }}.last_key, {{ l }}.last_key) then 3
            when {{ r }}.last_is_truncated and starts_with({{ l }}.last_key, {{ r }}.last_key) then 3
            when least(length({{ l }}.last_key), length({{ r }}.last_key)) >= 4
                and (contains({{ l }}.last_key, {{ r }}.last_key) or contains({{ r }}.last_key, {{ l }}.last_key))
                then 2
            when {{ l }}.first_key = {{ r }}.last_key and {{ l }}.last_key = {{ r }}.first_key then 2
            -- a former last name the source saw, or one part of a hyphenated name (marriage)
            when {{ l }}.last_key in ({{ r }}.last_alt_1, {{ r }}.last_alt_2)
                or {{ r }}.last_key in ({{ l }}.last_alt_1, {{ l }}.last_alt_2) then 2
            when {{ l }}.first_is_initial_only and {{ l }}.last_key = {{ r }}.first_key
                and {{ l }}.first_initial = left({{ r }}.last_key, 1) then 2
            when {{ r }}.first_is_initial_only and {{ r }}.last_key = {{ l }}.first_key
                and {{ r }}.first_initial = left({{ l }}.last_key, 1) then 2
            when jaro_winkler_similarity({{ l }}.last_key, {{ r }}.last_key) >= 0.92 then 2
            when {{ ids_names_swapped_with_typo(l, r) }} then 2
            when jaro_winkler_similarity({{ l }}.last_key, {{ r }}.last_key) >= 0.80
                or {{ l }}.last_nysiis = {{ r }}.last_nysiis then 1
            else 0
        end as last_name_level,

        -- date of birth: 4 exact; 3 day and month swapped, or one digit of the year wrong (of its
        -- four digits, or of the two a form asks for, the century then inferred: 91 for 01 gives
        -- 1991 for 2001), or the year off by one (a birth year worked out from an age; all rare
        -- by chance); 2 same year and one of month or day wrong; 1 a side is an estimate (DCF
        -- YYYY-01-01, HMIS approximate) within a year of the other; 0 else
        case
            when {{ l }}.dob is null or {{ r }}.dob is null then null
            when {{ l }}.dob = {{ r }}.dob then 4
            when {{ l }}.dob = {{ r }}.dob_swapped then 3
            when {{ l }}.dob_month = {{ r }}.dob_month and {{ l }}.dob_day = {{ r }}.dob_day
                and {{ ids_birth_year_typo(l ~ '.dob_year', r ~ '.dob_year') }} then 3
            when {{ l }}.dob_year = {{ r }}.dob_year
                and ({{ l }}.dob_month = {{ r }}.dob_month or {{ l }}.dob_day = {{ r }}.dob_day) then 2
            when ({{ l }}.dob_is_estimated or {{ r }}.dob_is_estimated)
                and abs({{ l }}.dob_year - {{ r }}.dob_year) <= 1 then 1
            else 0
        end as dob_level,

        -- ssn: 3 exact, 2 one digit or one adjacent transposition apart, 1 only the last four are
        -- known on one side and they agree, 0 disagree; null when a side has no usable digits
        case
            when {{ l }}.ssn is not null and {{ r }}.ssn is not null then
                case
                    when {{ l }}.ssn = {{ r }}.ssn then 3
                    when damerau_levenshtein({{ l }}.ssn, {{ r }}.ssn) = 1 then 2
                    else 0
                end
            when {{ l }}.ssn_last4 is null or {{ r }}.ssn_last4 is null then null
            when {{ l }}.ssn_last4 = {{ r }}.ssn_last4 then 1
            else 0
        end as ssn_level,

        -- middle name: 2 same full middle name, 1 same middle initial (a side keeps only the initial,
        -- or a typo), 0 different initials; null when a side has none, or when a side goes by its
        -- middle name (first and middle swapped: the first-name level already counts that)
        case
            when {{ l }}.middle_key is null or {{ r }}.middle_key is null then null
            when {{ ids_goes_by_middle_name(l, r) }} then null
            when {{ l }}.middle_key = {{ r }}.middle_key and length({{ l }}.middle_key) > 1 then 2
            when {{ l }}.middle_initial = {{ r }}.middle_initial then 1
            else 0
        end as middle_name_level,

        case
            when {{ l }}.sex is null or {{ r }}.sex is null then null
            when {{ l }}.sex = {{ r }}.sex then 1
            else 0
        end as sex_level,

        case
            when {{ l }}.zip5 is null or {{ r }}.zip5 is null then null
            when {{ l }}.zip5 = {{ r }}.zip5 then 1
            else 0
        end as zip_level,

        -- not weights: the facts the link vetoes (int_scored_pairs) stand on
        {{ ids_first_names_agree(l, r) }} as first_names_agree,
        case
            when {{ l }}.name_suffix is null and {{ r }}.name_suffix is null then null
            when {{ l }}.name_suffix is null or {{ r }}.name_suffix is null then false
            else {{ l }}.name_suffix != {{ r }}.name_suffix
        end as suffixes_differ,
        ({{ l }}.name_suffix is null) != ({{ r }}.name_suffix is null) as suffix_one_sided,
        case
            when not {{ l }}.dob_is_estimated and not {{ r }}.dob_is_estimated
                then abs({{ l }}.dob_year - {{ r }}.dob_year)
        end as birth_years_apart,
        -- age of one record's person (by its DOB) when the other record's source first saw them
        -- working: DOL wage rows have no DOB, but a wage earner is not a young child (a child
        -- recorded with a parent's SSN meets the parent's wage record)
        case
            when {{ l }}.source_system = 'dol' and {{ r }}.dob is not null and not {{ r }}.dob_is_estimated
                then {{ dbt.datediff(r ~ '.dob', l ~ '.first_seen_on', 'year') }}
            when {{ r }}.source_system = 'dol' and {{ l }}.dob is not null and not {{ l }}.dob_is_estimated
                then {{ dbt.datediff(l ~ '.dob', r ~ '.first_seen_on', 'year') }}
        end as age_at_first_wages
{% endmacro %}


{#- Whether two full first names can be one person's name as the spec says names get recorded: the
    same, nicknames of one name (the same canon, an ambiguous nickname's other formal names, a
    nickname and a typo), first and last swapped (with a typo too) or first and middle swapped (goes by the full
    middle name: a first initial that is the other's middle initial is one chance in twenty, not an
    explanation, when the birth date and family name are a twin's), one keystroke apart (a substitution,
    deletion, insertion or adjacent transposition) or a typo close (Jaro-Winkler >= 0.92, the
    first-name level's typo band), the same sound (phonetic spellings: JON / JOHN, KATHERINE /
    CATHERINE), or one a clipped form of the other (nicknames are mostly clipped names, and no list
    holds them all). Anything else is two names: with the same birth date and family
    name, that is twins (int_scored_pairs). Null when a side has no first name or only an initial
    (DOL). -#}
{% macro ids_first_names_agree(l, r) -%}
    case
        when {{ l }}.first_key is null or {{ r }}.first_key is null then null
        when {{ l }}.first_is_initial_only or {{ r }}.first_is_initial_only then null
        when {{ l }}.first_key = {{ r }}.first_key
            or {{ l }}.first_canon = {{ r }}.first_canon
            or {{ ids_lists_overlap(l ~ '.first_group', r ~ '.first_group') }}
            -- a nickname and a typo together (LISSA for MELISSA, MELISFA for MELISSA)
            or damerau_levenshtein({{ l }}.first_canon, {{ r }}.first_canon) <= 1
            or ({{ l }}.first_key = {{ r }}.last_key and {{ l }}.last_key = {{ r }}.first_key)
            or {{ ids_names_swapped_with_typo(l, r) }}
            or {{ ids_goes_by_middle_name(l, r) }}
            -- first and middle swapped where both keep only the middle initial, consistently both
            -- ways (SAMUEL R / ROGER S)
            or ({{ l }}.middle_initial = {{ r }}.first_initial and {{ r }}.middle_initial = {{ l }}.first_initial)
            or damerau_levenshtein({{ l }}.first_key, {{ r }}.first_key) <= 1
            or jaro_winkler_similarity({{ l }}.first_key, {{ r }}.first_key) >= 0.92
            or {{ l }}.first_metaphone = {{ r }}.first_metaphone
            -- a clipped name, the commonest way nicknames form: the front kept (DEB / DEBRA,
            -- MITCH / MITCHELL) or the back (COLE / NICOLE, SANDRA / CASSANDRA)
            or (least(length({{ l }}.first_key), length({{ r }}.first_key)) >= 2
                and (starts_with({{ l }}.first_key, {{ r }}.first_key) or starts_with({{ r }}.first_key, {{ l }}.first_key)))
            or (least(length({{ l }}.first_key), length({{ r }}.first_key)) >= 4
                and (ends_with({{ l }}.first_key, {{ r }}.first_key) or ends_with({{ r }}.first_key, {{ l }}.first_key)))
            then true
        else false
    end
{%- endmacro %}


{#- One side goes by its middle name: its first name is the other's middle name (or a nickname of
    it: DAVE for DAVID), and its middle name (when it has one) starts like the other's first name.
    Twins ELIZABETH MARIE and MARIE SAMANTHA share a name too, but not that way round. -#}
{% macro ids_goes_by_middle_name(l, r) -%}
    (
        (
            ({{ l }}.first_key = {{ r }}.middle_key or {{ ids_lists_overlap(l ~ '.first_group', r ~ '.middle_group') }})
            and coalesce({{ l }}.middle_initial = {{ r }}.first_initial, true)
        )
        or (
            ({{ l }}.middle_key = {{ r }}.first_key or {{ ids_lists_overlap(l ~ '.middle_group', r ~ '.first_group') }})
            and coalesce({{ r }}.middle_initial = {{ l }}.first_initial, true)
        )
    )
{%- endmacro %}


{#- First and last name swapped, each with at most a typo (Jaro-Winkler >= 0.92 both ways, the
    first-name level's typo band): the spec's swap and its typing errors happen to one record. -#}
{% macro ids_names_swapped_with_typo(l, r) -%}
    (
        jaro_winkler_similarity({{ l }}.first_key, {{ r }}.last_key) >= 0.92
        and jaro_winkler_similarity({{ l }}.last_key, {{ r }}.first_key) >= 0.92
    )
{%- endmacro %}


{#- Two recorded birth years (same month and day) one recording error apart: one digit of the four
    wrong, the year off by one (worked out from an age), or one digit of a two-digit year wrong with
    the century then inferred (01 keyed as 91: 2001 and 1991). The last is ten years across a century
    turn only; any other gap of ten is one digit of the four already. -#}
{% macro ids_birth_year_typo(year_l, year_r) -%}
    (
        damerau_levenshtein({{ year_l }}::varchar, {{ year_r }}::varchar) = 1
        or abs({{ year_l }} - {{ year_r }}) = 1
        or (
            abs({{ year_l }} - {{ year_r }}) = 10
            and damerau_levenshtein(right({{ year_l }}::varchar, 2), right({{ year_r }}::varchar, 2)) = 1
        )
    )
{%- endmacro %}


{#- Whether two lists share an element (nickname groups); null when a list is null. -#}
{% macro ids_lists_overlap(list_l, list_r) -%}
    {{ return(adapter.dispatch('ids_lists_overlap')(list_l, list_r)) }}
{%- endmacro %}

{% macro default__ids_lists_overlap(list_l, list_r) -%}
    list_has_any({{ list_l }}, {{ list_r }})
{%- endmacro %}

{% macro spark__ids_lists_overlap(list_l, list_r) -%}
    arrays_overlap({{ list_l }}, {{ list_r }})
{%- endmacro %}


{#- A linkage setting from seeds/reference/linkage_settings.csv, as a scalar subquery. -#}
{% macro ids_linkage_setting(name) -%}
    (select s.value from {{ ref('linkage_settings') }} as s where s.setting = '{{ name }}')
{%- endmacro %}

{#- The spec's grain of dol_ui_wages, one row per worker per employer per quarter, after summing the
    adjustment rows a labor department sends for the same key ("0 and negative adjustments occur").
    The staged rows stay as sent in stg_dol__ui_wages; this is the grain the spec promises and the
    one every wage figure uses. The worker is the SSN as sent (the source person id); an employer
    EIN that is not made of digits is null and forms its own key. -#}

with

wage_rows as (

    select * from {{ ref('stg_dol__ui_wages') }}

),

summed as (

    select
        ssn_raw,
        employer_ein,
        year,
        quarter,
        year_quarter,
        quarter_start_date,
        sum(wages) as wages,
        count(*) as n_wage_rows,
        count(*) filter (where wages <= 0) as n_zero_or_negative_rows,
        min(wages) as min_row_wages,
        max(wages) as max_row_wages,
        list(wage_record_id order by wage_record_id) as wage_record_ids
    from wage_rows
    group by ssn_raw, employer_ein, year, quarter, year_quarter, quarter_start_date

),

final as (

    select
        ssn_raw,
        employer_ein,
        year,
        quarter,
        year_quarter,
        quarter_start_date,
        cast(wages as decimal(18, 2)) as wages,
        n_wage_rows,
        n_zero_or_negative_rows,
        n_wage_rows > 1 as has_adjustments,
        min_row_wages,
        max_row_wages,
        wage_record_ids
    from summed

)

select * from final

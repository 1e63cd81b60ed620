{#- Nothing is lost between the rows as sent and the spec's grain: every staged DOL wage row is in
    exactly one summed key, and the dollars agree to the cent. -#}

with

wage_rows as (

    select
        count(*) as n_rows,
        coalesce(sum(wages), 0) as wages
    from {{ ref('stg_dol__ui_wages') }}

),

wage_quarters as (

    select
        coalesce(sum(n_wage_rows), 0) as n_rows,
        coalesce(sum(wages), 0) as wages,
        coalesce(sum(len(wage_record_ids)), 0) as n_record_ids
    from {{ ref('stg_dol__ui_wage_quarters') }}

),

final as (

    select
        wage_rows.n_rows as staged_rows,
        wage_quarters.n_rows as summed_rows,
        wage_quarters.n_record_ids,
        wage_rows.wages as staged_wages,
        wage_quarters.wages as summed_wages
    from wage_rows
    cross join wage_quarters
    where
        wage_rows.n_rows != wage_quarters.n_rows
        or wage_rows.n_rows != wage_quarters.n_record_ids
        or wage_rows.wages != wage_quarters.wages

)

select * from final

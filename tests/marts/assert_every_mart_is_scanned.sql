{#- Every model under models/marts carries the no_pii test, and every agg_ / rpt_ model the
    no_small_cells test, so a new mart cannot skip either. One row per missing test. -#}
{%- set missing = [] -%}
{%- if execute -%}
    {%- set tested = {'no_pii': [], 'no_small_cells': []} -%}
    {%- for node in graph.nodes.values() -%}
        {%- set test_name = (node.test_metadata or {}).get('name') if node.resource_type == 'test' else none -%}
        {%- if test_name in tested -%}
            {%- do tested[test_name].append(node.attached_node) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- for node in graph.nodes.values() -%}
        {%- if node.resource_type == 'model' and node.original_file_path.startswith('models/marts/') -%}
            {%- if node.unique_id not in tested['no_pii'] -%}
                {%- do missing.append((node.name, 'no_pii')) -%}
            {%- endif -%}
            {%- if node.name[:4] in ('agg_', 'rpt_') and node.unique_id not in tested['no_small_cells'] -%}
                {%- do missing.append((node.name, 'no_small_cells')) -%}
            {%- endif -%}
        {%- endif -%}
    {%- endfor -%}
{%- endif %}

{%- for model_name, test_name in missing %}
select '{{ model_name }}' as model_name, '{{ test_name }}' as missing_test
union all
{%- endfor %}
select cast(null as varchar) as model_name, cast(null as varchar) as missing_test
where false

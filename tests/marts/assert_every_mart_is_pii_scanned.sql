{#- Every model under models/marts carries the no_pii test (so a new mart cannot skip the scan).
    Returns one row per mart model without it. -#}
{%- set missing = [] -%}
{%- if execute -%}
    {%- set scanned = [] -%}
    {%- for node in graph.nodes.values() -%}
        {%- if node.resource_type == 'test' and (node.test_metadata or {}).get('name') == 'no_pii' -%}
            {%- do scanned.append(node.attached_node) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- for node in graph.nodes.values() -%}
        {%- if node.resource_type == 'model' and node.original_file_path.startswith('models/marts/')
            and node.unique_id not in scanned -%}
            {%- do missing.append(node.name) -%}
        {%- endif -%}
    {%- endfor -%}
{%- endif %}

{%- for model_name in missing %}
select '{{ model_name }}' as model_without_pii_scan
union all
{%- endfor %}
select cast(null as varchar) as model_without_pii_scan
where false

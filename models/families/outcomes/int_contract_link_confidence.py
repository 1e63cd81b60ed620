"""How firmly each piece of contract evidence is tied to its cohort record (outcome_metrics.md,
issue: "the lowest match probability among the links that tie the cohort record to the evidence").

One row per (anchor record, evidence record) that a decided outcome's evidence names, when the two
are different records. Two records of one person are tied by a chain of links (pairs at or above
the match threshold, not vetoed; a clerical reviewer's link counts as 1.0); link_confidence is the
weakest link of the strongest such chain, which is exactly what the clustering relied on: it merges
the strongest links first, so the chain through its merge tree (src/ids/clustering.py
bottleneck_links) is the strongest there is. Only the links inside the persons that the evidence
names are read. Null when no chain joins the two records (the build's not_null test refuses it).
"""

import pyarrow as pa

from ids.clustering import bottleneck_links


def model(dbt, session):
    dbt.config(materialized="table")
    settings = dict(dbt.ref("linkage_settings").project("setting, value").fetchall())
    threshold = float(settings["match_threshold"])

    requests = (
        dbt.ref("int_contract_outcomes_long")
        .filter("status in ('achieved', 'not_achieved') and evidence is not null")
        .query(
            "outcomes",
            "select distinct anchor_record_key, evidence_record_key from ("
            "  select struct_extract(event, 'anchor_record_key') as anchor_record_key,"
            "         unnest(struct_extract(event, 'evidence_record_keys')) as evidence_record_key"
            "  from (select unnest(evidence) as event from outcomes)"
            ") where anchor_record_key is not null and evidence_record_key <> anchor_record_key"
            " order by anchor_record_key, evidence_record_key",
        )
    )
    crosswalk = dbt.ref("person_crosswalk").project("record_key, person_id")
    persons = (
        requests.set_alias("q")
        .join(crosswalk.set_alias("c"), "q.anchor_record_key = c.record_key")
        .project("c.person_id as person_id")
        .distinct()
    )
    in_persons = (
        crosswalk.set_alias("x")
        .join(persons.set_alias("p"), "x.person_id = p.person_id")
        .project("x.record_key as record_key, x.person_id as person_id")
    )

    def within_persons(relation, probability):
        """Links of `relation` (record_key_l, record_key_r) whose two records are one named person."""
        return (
            relation.set_alias("e")
            .join(in_persons.set_alias("l"), "e.record_key_l = l.record_key")
            .join(in_persons.set_alias("r"), "e.record_key_r = r.record_key and l.person_id = r.person_id")
            .project(f"e.record_key_l as record_key_l, e.record_key_r as record_key_r, {probability} as p")
        )

    scored = within_persons(
        dbt.ref("int_scored_pairs").filter(f"match_probability >= {threshold} and link_veto is null"),
        "e.match_probability",
    )
    reviewed = within_persons(
        dbt.ref("int_review_decisions").filter("decision = 'link' and records_exist"), "1.0::double"
    )
    edges = [*scored.fetchall(), *reviewed.fetchall()]

    pairs = requests.fetchall()
    confidence = bottleneck_links(edges, pairs)
    return pa.table(
        {
            "anchor_record_key": pa.array([a for a, _ in pairs], pa.string()),
            "evidence_record_key": pa.array([b for _, b in pairs], pa.string()),
            "link_confidence": pa.array(confidence, pa.float64()),
        }
    )

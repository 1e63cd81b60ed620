import datetime as dt

from ids.clustering import (
    RecordEvidence,
    bottleneck_links,
    cluster_records,
    contested_ssns,
    dob_compatible,
    ssn_compatible,
    ssns_consistent,
)

D = dt.date


def test_ssn_compatible_allows_one_keystroke() -> None:
    assert ssn_compatible("123456789", "123456789")
    assert ssn_compatible("123456789", "123456788")  # one digit
    assert ssn_compatible("123456789", "123457689")  # adjacent transposition
    assert not ssn_compatible("123456789", "123456700")
    assert not ssn_compatible("123456789", "213456798")


def test_dob_compatible_explains_recording_errors() -> None:
    assert dob_compatible(D(1985, 3, 4), D(1985, 4, 3))  # day/month swap
    assert dob_compatible(D(1985, 3, 4), D(1995, 3, 4))  # one year digit
    assert dob_compatible(D(1985, 3, 4), D(1985, 3, 14))  # day wrong
    assert dob_compatible(D(1985, 1, 1), D(1985, 7, 9))  # estimated Jan 1
    assert not dob_compatible(D(1960, 3, 4), D(1988, 6, 21))  # senior and junior
    assert dob_compatible(D(1969, 10, 28), D(1970, 10, 28))  # off by one across a decade
    assert dob_compatible(D(1991, 9, 24), D(2001, 9, 24))  # two-digit year 01 keyed 91
    assert not dob_compatible(D(1961, 9, 24), D(2001, 9, 24))  # 40 years: no typo explains it
    assert not dob_compatible(D(1990, 9, 24), D(2012, 9, 24))  # a generation, same birthday


def test_cluster_merges_strongest_first_and_refuses_conflicts() -> None:
    keys = ["a", "b", "c", "d"]
    ev = [
        RecordEvidence("123456789", D(1960, 3, 4)),   # father
        RecordEvidence(None, D(1960, 3, 4)),          # father, other source
        RecordEvidence("123456789", D(2015, 6, 1)),   # child recorded with father's SSN
        RecordEvidence(None, D(2015, 6, 1)),          # child, other source
    ]
    pairs = [("a", "b", 0.99), ("c", "d", 0.98), ("a", "c", 0.97), ("b", "d", 0.2)]
    clusters = cluster_records(keys, ev, pairs, threshold=0.9)
    assert clusters == {"a": "a", "b": "a", "c": "c", "d": "c"}


def test_cluster_is_independent_of_pair_order() -> None:
    keys = ["r1", "r2", "r3"]
    ev = [RecordEvidence(), RecordEvidence(), RecordEvidence()]
    pairs = [("r1", "r2", 0.95), ("r2", "r3", 0.95)]
    a = cluster_records(keys, ev, pairs, 0.9)
    b = cluster_records(list(reversed(keys)), list(reversed(ev)), list(reversed(pairs)), 0.9)
    assert a == b == {"r1": "r1", "r2": "r1", "r3": "r1"}






def test_an_ssn_shared_by_parent_and_child_does_not_veto() -> None:
    keys = ["child_a", "child_b", "parent"]
    ev = [
        RecordEvidence("123456789", D(2015, 6, 1)),   # child recorded with the parent's SSN
        RecordEvidence("223456789", D(2015, 6, 1)),   # the child's own SSN elsewhere
        RecordEvidence("123456789", D(1985, 2, 2)),   # the parent
    ]
    assert contested_ssns(ev) == {"123456789"}
    clusters = cluster_records(keys, ev, [("child_a", "child_b", 0.99)], 0.9)
    assert clusters["child_a"] == clusters["child_b"] != clusters["parent"]


def test_two_typos_of_one_ssn_are_one_person_with_it_and_not_without_it() -> None:
    # 561632632 and 651362632 are each one transposition from 651632632, two from each other
    assert ssns_consistent({"651632632", "561632632", "651362632"})
    assert not ssns_consistent({"561632632", "651362632"})
    assert ssns_consistent({"123456789", "123456788", "123456787"})  # one digit, every pair
    assert not ssns_consistent({"123456789", "123456788", "923456700"})
    keys = ["true", "typo_a", "typo_b"]
    ev = [RecordEvidence("651632632"), RecordEvidence("561632632"), RecordEvidence("651362632")]
    chained = cluster_records(keys, ev, [("true", "typo_a", 0.99), ("typo_a", "typo_b", 0.98)], 0.9)
    assert len(set(chained.values())) == 1
    # without the true SSN in the person, the two typos are two people's SSNs
    alone = cluster_records(keys[1:], ev[1:], [("typo_a", "typo_b", 0.98)], 0.9)
    assert alone == {"typo_a": "typo_a", "typo_b": "typo_b"}


def test_twins_with_their_own_ssns_are_kept_apart() -> None:
    keys = ["t1", "t2"]
    ev = [RecordEvidence("123456789", D(2015, 6, 1)), RecordEvidence("223456700", D(2015, 6, 1))]
    assert cluster_records(keys, ev, [("t1", "t2", 0.97)], 0.9) == {"t1": "t1", "t2": "t2"}


def test_indexed_clustering_matches_the_reference_on_random_graphs() -> None:
    import random

    import numpy as np

    from ids.clustering import cluster_indexed

    rng = random.Random(5)
    for _ in range(30):
        n = 40
        ev = [
            RecordEvidence(
                ssn=rng.choice([None, "123456789", "223456789", "323456789", "213456789", "123456798",
                                "123456700"]),
                dob=rng.choice([None, D(1980, 1, 2), D(1990, 5, 6), D(2015, 3, 3)]),
            )
            for _ in range(n)
        ]
        pairs = []
        for _ in range(60):
            a, b = rng.sample(range(n), 2)
            pairs.append((min(a, b), max(a, b), round(rng.random(), 2)))
        keys = [f"{i:012d}" for i in range(n)]
        reference = cluster_records(keys, ev, [(keys[a], keys[b], p) for a, b, p in pairs], 0.5)
        contested = contested_ssns(ev)
        graph = (
            n,
            np.array([a for a, _, _ in pairs]),
            np.array([b for _, b, _ in pairs]),
            np.array([p for _, _, p in pairs]),
            lambda idx: [ev[i] for i in idx],
            contested,
            0.5,
        )
        got = cluster_indexed(*graph)
        assert [int(keys.index(reference[k])) for k in keys] == got.tolist()
        # the vectorized shortcut (components with one SSN and one DOB skip the evidence) agrees
        ssn_values = sorted({e.ssn for e in ev if e.ssn})
        dob_values = sorted({e.dob for e in ev if e.dob})
        ssn_code = np.array([ssn_values.index(e.ssn) if e.ssn and e.ssn not in contested else -1 for e in ev])
        dob_code = np.array([dob_values.index(e.dob) if e.dob else -1 for e in ev])
        fast = cluster_indexed(*graph, ssn_code=ssn_code, dob_code=dob_code)
        assert fast.tolist() == got.tolist()


def test_connected_components_label_each_record_with_its_components_smallest_index() -> None:
    import random

    import numpy as np

    from ids.clustering import connected_components

    rng = random.Random(11)
    n = 2000
    path = list(range(1000))
    rng.shuffle(path)  # one long chain, in random order: the worst case for label propagation
    edges = list(zip(path, path[1:]))
    for _ in range(400):  # and small random components among the rest
        a, b = rng.sample(range(1000, n), 2)
        edges.append((a, b))
    rng.shuffle(edges)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for a, b in edges:
        ra, rb = find(a), find(b)
        parent[max(ra, rb)] = min(ra, rb)
    expected = [find(i) for i in range(n)]
    got = connected_components(n, np.array([a for a, _ in edges]), np.array([b for _, b in edges]))
    assert got.tolist() == expected
    assert set(got[:1000].tolist()) == {0}
    assert connected_components(3, np.array([], dtype=np.int64), np.array([], dtype=np.int64)).tolist() == [0, 1, 2]


def test_a_reviewers_unlink_holds_through_chaining() -> None:
    keys = ["a", "b", "c"]
    ev = [RecordEvidence(), RecordEvidence(), RecordEvidence()]
    pairs = [("a", "b", 0.99), ("b", "c", 0.98)]
    assert cluster_records(keys, ev, pairs, 0.9) == {"a": "a", "b": "a", "c": "a"}
    clusters = cluster_records(keys, ev, pairs, 0.9, apart=[("a", "c")])
    assert clusters == {"a": "a", "b": "a", "c": "c"}


def test_a_reviewers_link_merges_past_the_guard_but_not_past_an_unlink() -> None:
    from ids.clustering import FORCED

    keys = ["senior", "junior", "other"]
    ev = [RecordEvidence("123456789", D(1960, 3, 4)), RecordEvidence("123456789", D(1988, 6, 21)),
          RecordEvidence()]
    # the guard refuses a score (irreconcilable DOBs), not a reviewer
    scored = cluster_records(keys, ev, [("senior", "junior", 0.99)], 0.9)
    assert scored["junior"] != scored["senior"]
    linked = cluster_records(keys, ev, [("senior", "junior", FORCED)], 0.9)
    assert linked["junior"] == linked["senior"]
    # a link that would join records a reviewer kept apart is refused
    refused = cluster_records(keys, [RecordEvidence()] * 3, [("other", "senior", FORCED), ("junior", "other", FORCED)],
                              0.9, apart=[("junior", "senior")])
    assert refused["junior"] != refused["senior"]


def test_indexed_clustering_applies_review_decisions_like_the_reference() -> None:
    import numpy as np

    from ids.clustering import FORCED, cluster_indexed

    ev = [RecordEvidence(None, D(1980, 1, 2)), RecordEvidence(), RecordEvidence(), RecordEvidence(None, D(2015, 3, 3))]
    left, right = np.array([0, 1, 0]), np.array([1, 2, 3])
    probability = np.array([0.99, 0.98, FORCED])
    got = cluster_indexed(4, left, right, probability, lambda idx: [ev[i] for i in idx], set(), 0.5,
                          ssn_code=np.full(4, -1), dob_code=np.array([0, -1, -1, 1]),
                          apart_left=np.array([0]), apart_right=np.array([2]))
    # the reviewer's link joins 0 and 3 despite their DOBs; the unlink keeps 2 away from 0
    assert got.tolist() == [0, 0, 2, 0]


def _brute_bottleneck(edges: list[tuple[str, str, float]], a: str, b: str) -> float | None:
    """The largest p such that a and b are connected by edges of probability >= p (search)."""
    if a == b:
        return 1.0
    for p in sorted({e[2] for e in edges}, reverse=True):
        reach, frontier = {a}, [a]
        while frontier:
            node = frontier.pop()
            for x, y, q in edges:
                if q >= p and node in (x, y):
                    other = y if node == x else x
                    if other not in reach:
                        reach.add(other)
                        frontier.append(other)
        if b in reach:
            return p
    return None


def test_bottleneck_links_is_the_weakest_link_of_the_strongest_chain() -> None:
    edges = [("a", "b", 0.99), ("b", "c", 0.6), ("a", "c", 0.55), ("c", "d", 0.97), ("e", "f", 0.7)]
    assert bottleneck_links(edges, [("a", "b"), ("a", "c"), ("a", "d"), ("d", "c"), ("a", "e"),
                                    ("e", "f"), ("a", "a"), ("x", "y")]) == [
        0.99, 0.6, 0.6, 0.97, None, 0.7, 1.0, None]


def test_bottleneck_links_agrees_with_search_on_random_graphs() -> None:
    import random

    rng = random.Random(7)
    for _ in range(40):
        nodes = [f"r{i}" for i in range(rng.randint(2, 9))]
        edges = [(rng.choice(nodes), rng.choice(nodes), round(rng.uniform(0.5, 1.0), 2))
                 for _ in range(rng.randint(0, 14))]
        queries = [(rng.choice(nodes), rng.choice(nodes)) for _ in range(10)]
        expected = [_brute_bottleneck(edges, a, b) for a, b in queries]
        assert bottleneck_links(edges, queries) == expected
        assert bottleneck_links(list(reversed(edges)), queries) == expected

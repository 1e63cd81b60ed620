import datetime as dt

from ids.clustering import RecordEvidence, cluster_records, dob_compatible, ssn_compatible
from ids.identity import assign_person_ids, derive_id

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


def test_new_ids_are_derived_from_cluster_key() -> None:
    result = assign_person_ids({"x": "x", "y": "x", "z": "z"}, prior={})
    assert result.person_id == {"x": derive_id("x"), "y": derive_id("x"), "z": derive_id("z")}
    assert result.merged_into == {}


def test_prior_ids_survive_new_records() -> None:
    prior = {"x": "P_old"}
    result = assign_person_ids({"a": "a", "x": "a"}, prior)  # new record "a" sorts before x
    assert result.person_id == {"a": "P_old", "x": "P_old"}


def test_merge_keeps_the_larger_id_and_records_it() -> None:
    prior = {"a": "P1", "b": "P1", "c": "P2"}
    result = assign_person_ids({"a": "a", "b": "a", "c": "a"}, prior)
    assert set(result.person_id.values()) == {"P1"}
    assert result.merged_into == {"P2": "P1"}


def test_split_gives_the_smaller_part_a_new_id() -> None:
    prior = {"a": "P1", "b": "P1", "c": "P1"}
    result = assign_person_ids({"a": "a", "b": "a", "c": "c"}, prior)
    assert result.person_id["a"] == result.person_id["b"] == "P1"
    assert result.person_id["c"] not in {"P1"}
    assert result.person_id["c"] in result.new_ids

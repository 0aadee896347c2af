"""Tests of argmap.interop.aif: AIFdb and OVA JSON in, AIFdb JSON out, nothing lost unsaid."""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.emit import emit
from argmap.errors import ArgmapError, LoadError
from argmap.interop.aif import aif_from_text, export_aif, import_aif
from argmap.loading.loader import load, loads
from argmap.model import ArgumentMap

from .helpers import FLAGSHIP_REL, THIRD_PARTY, corpus_files, corpus_params
from .mapgen import maps

#: AIFdb's export of a dialogue (MIT) and three AraucariaDB graphs (MPL-2.0), shipped in
#: tests/data/third_party/; the corpus tier adds all 80 AraucariaDB graphs.
ARGUEBUF = THIRD_PARTY / "arguebuf-python" / "data" / "6064-original.json"
FILES = [ARGUEBUF, *sorted((THIRD_PARTY / "carneades-4" / "examples" / "AGs" / "AIF")
                           .glob("*.json"))]
CORPUS_FILES = corpus_files("aif/*/*.json")


def structure(text: str) -> Counter[Any]:
    """I, RA, CA and MA nodes of an AIF text, each S node by the texts around it."""
    doc = json.loads(text)
    doc = doc.get("AIF", doc)
    nodes = {str(n["nodeID"]): n for n in doc["nodes"]}
    ins: dict[str, list[str]] = defaultdict(list)
    outs: dict[str, list[str]] = defaultdict(list)
    for e in doc["edges"]:
        outs[str(e["fromID"])].append(str(e["toID"]))
        ins[str(e["toID"])].append(str(e["fromID"]))

    def label(n: str) -> Any:
        kind = nodes[n]["type"]
        if kind == "I":
            return ("I", nodes[n]["text"])
        return (kind, tuple(sorted(label(i) for i in ins[n] if nodes[i]["type"] == "I")),
                tuple(sorted(label(o) for o in outs[n] if nodes[o]["type"] == "I")))

    return Counter(label(n) for n in nodes if nodes[n]["type"] in ("I", "RA", "CA", "MA"))


def aif(nodes: list[tuple[str, str, str]], edges: list[tuple[str, str]]) -> str:
    """An AIFdb document from ``(id, type, text)`` nodes and ``(from, to)`` edges."""
    return json.dumps({"nodes": [{"nodeID": i, "type": t, "text": x} for i, t, x in nodes],
                       "edges": [{"edgeID": str(k), "fromID": a, "toID": b}
                                 for k, (a, b) in enumerate(edges)]})


def relations(amap: ArgumentMap) -> list[tuple[str, str, str]]:
    """Every relation as ``(source, kind, target)``."""
    return [(n.id, k.value, r.to) for n in amap.nodes for k, r in n.relations()]


@pytest.mark.parametrize("path", [
    *FILES, *corpus_params(CORPUS_FILES, [p.name for p in CORPUS_FILES])],
    ids=lambda p: p.name)
def test_real_file_imports_and_survives_export(path: Any) -> None:
    """Each third-party file (and in the corpus tier, each corpus file) imports to a
    loadable map, and its export has the same I/RA/CA/MA graph."""
    result = import_aif(path)
    assert result.map == loads(emit(result.map, comments=result.loss.by_node())).model
    text, _ = export_aif(result.map)
    assert structure(path.read_text(encoding="utf-8")) == structure(text)
    assert result.map == aif_from_text(text, "again.json").map


def test_dialogue_is_listed_in_the_loss_report() -> None:
    """Locutions and L, YA, TA nodes of an AIFdb export are reported, with where they are."""
    result = import_aif(ARGUEBUF)
    summary = [(loss.code, loss.message.split(":")[0]) for loss in result.loss.ordered()]
    expected = [("not-imported", "the nodeIDs of 14 I, RA, CA and MA nodes and 14 timestamps"),
                ("not-imported", "16 L node(s) (locutions)"),
                ("not-imported", "14 YA node(s) (illocutions)"),
                ("not-imported", "8 TA node(s) (transitions)"),
                ("not-imported", "44 edges of L, YA, TA and PA nodes (the dialogue and "
                 "preferences)"),
                ("not-imported", "13 locutions")]
    assert expected == summary


def test_mapping_of_node_types() -> None:
    """One-premise RA: supports; linked RA: argument node; CA: attacks; MA: noted supports."""
    result = aif_from_text(aif(
        [("1", "I", "Premise one"), ("2", "I", "Premise two"), ("3", "I", "Conclusion"),
         ("4", "RA", "RA"), ("5", "I", "Objection"), ("6", "CA", "CA"), ("7", "RA", "RA"),
         ("8", "MA", "MA"), ("9", "I", "Restated"), ("10", "PA", "PA")],
        [("1", "4"), ("2", "4"), ("4", "3"), ("5", "6"), ("6", "1"), ("2", "7"), ("7", "1"),
         ("3", "8"), ("8", "9"), ("10", "1")]), "doc.json")
    amap = result.map
    expected = [("premise-one", "supports", "argument-for-conclusion"),
                ("premise-two", "supports", "argument-for-conclusion"),
                ("premise-two", "supports", "premise-one"),
                ("conclusion", "supports", "restated"),
                ("argument-for-conclusion", "supports", "conclusion"),
                ("objection", "attacks", "premise-one")]
    assert sorted(expected) == sorted(relations(amap))
    argument = next(n for n in amap.nodes if n.id == "argument-for-conclusion")
    assert ("Argument for: Conclusion", ("argument",)) == (argument.text, argument.tags)
    assert "rephrase (AIF MA)" == amap.nodes[2].supports[0].note
    assert ["approximated", "approximated", "not-imported", "not-imported",
            "not-imported"] == sorted(
        loss.code for loss in result.loss)


def test_a_preference_leaves_a_simple_inference_a_relation() -> None:
    """An RA with one premise and one conclusion stays a relation when a PA node prefers it
    (an RA -> PA edge), so its undercut stays an undercut; a PA -> CA edge does not count
    as an attacker. The preference is reported."""
    result = aif_from_text(aif(
        [("1", "I", "A"), ("2", "I", "B"), ("3", "RA", "RA"), ("4", "I", "U"),
         ("5", "CA", "CA"), ("6", "PA", "PA"), ("7", "RA", "RA"), ("8", "I", "C")],
        [("1", "3"), ("3", "2"), ("4", "5"), ("5", "3"), ("3", "6"), ("6", "7"),
         ("6", "5"), ("8", "7"), ("7", "2")]), "d.json")
    assert [("a", "supports", "b"), ("u", "undercuts", "ra-3"), ("c", "supports", "b")] == \
        relations(result.map)
    assert [] == [x.message for x in result.loss if "attackers" in x.message]
    assert ["1 PA node(s) (preferences)",
            "3 edges of L, YA, TA and PA nodes (the dialogue and preferences)"] == [
        x.message.split(":")[0] for x in result.loss if "PA" in x.message]


def test_an_argument_node_is_exported_with_its_schemes_name() -> None:
    """An argument node's RA carries the scheme its conclusions are drawn by (not always
    "Default Inference"), and the map comes back the same."""
    amap = ArgumentMap.model_validate({"argmap": 1, "title": "T", "nodes": [
        {"id": "p", "kind": "claim", "text": "P", "supports": ["arg"]},
        {"id": "arg", "kind": "claim", "text": "From the sign", "tags": ["argument"],
         "supports": [{"to": "c", "scheme": "sign"}]},
        {"id": "c", "kind": "claim", "text": "C"}]})
    text, _ = export_aif(amap)
    [ra] = [n for n in json.loads(text)["nodes"] if n["type"] == "RA"]
    assert ("Argument From Sign", "Argument From Sign") == (ra["text"], ra["scheme"])
    assert amap == aif_from_text(text, "x.json").map


def test_undercut_of_a_simple_inference() -> None:
    """A CA aimed at a one-premise RA undercuts the relation the RA became."""
    amap = aif_from_text(aif(
        [("1", "I", "A"), ("2", "I", "B"), ("3", "RA", "RA"), ("4", "I", "U"),
         ("5", "CA", "CA")], [("4", "5"), ("5", "3"), ("1", "3"), ("3", "2")]), "d.json").map
    assert [("a", "supports", "b"), ("u", "undercuts", "ra-3")] == relations(amap)
    assert "ra-3" == amap.nodes[0].supports[0].id


def test_schemes_of_ra_and_ca_nodes() -> None:
    """An RA or CA node's scheme, in any spelling AIF tools use, becomes the relation's scheme;
    a scheme argmap does not know is kept in the relation's note and reported; the default
    schemes say nothing. Export writes the AIF names back."""
    doc = json.loads(aif(
        [("1", "I", "Smoke"), ("2", "I", "Fire"), ("3", "RA", "RA"), ("4", "I", "Expert says"),
         ("5", "RA", "Argument From Expert Opinion"), ("6", "I", "Mist"),
         ("7", "CA", "Default Conflict"), ("8", "I", "Tradition"), ("9", "RA", "From Lore")],
        [("1", "3"), ("3", "2"), ("4", "5"), ("5", "2"), ("6", "7"), ("7", "1"), ("8", "9"),
         ("9", "2")]))
    doc["nodes"][2]["scheme"] = "Sign"  # Araucaria's layout: the name in `scheme`
    result = aif_from_text(json.dumps(doc), "d.json")
    rels = {(n.id, r.to): r for n in result.map.nodes for _, r in n.relations()}
    assert [(r.scheme, r.note) for r in rels.values()] == [
        ("sign", None), ("expert-opinion", None), (None, None),
        (None, "AIF scheme: From Lore")]
    assert [(loss.code, loss.message, loss.node) for loss in result.loss] == [
        ("not-imported", "the nodeIDs of 9 I, RA, CA and MA nodes: argmap names nodes by "
         "their text, and a relation node becomes a relation", None),
        ("approximated", "RA node 9: scheme 'From Lore' is not in argmap's catalogue "
         "(docs/schemes.md): kept in the relation's note", "tradition")]
    text, _ = export_aif(result.map)
    s_nodes = [(n["type"], n["scheme"]) for n in json.loads(text)["nodes"]
               if n["type"] != "I"]
    assert s_nodes == [("RA", "Argument From Sign"), ("RA", "Argument From Expert Opinion"),
                       ("CA", "Default Conflict"), ("RA", "Default Inference")]


def test_provenance_is_kept_for_argmap_and_reported() -> None:
    """Who draws a relation, its quote and question, and the tensions survive AIF in
    `argmap` objects, and the loss report says other tools do not show them."""
    text = ("argmap: 1\ntitle: T\nnodes:\n  - id: a\n    kind: claim\n    text: A.\n"
            "    supports:\n      - to: b\n        id: r\n        quote: A so B\n"
            "        scheme: sign\n  - id: b\n    kind: claim\n    text: B.\n"
            "  - id: c\n    kind: claim\n    text: C.\n    undercuts:\n      - to: r\n"
            "        by: analyst\n        question: cq2\n"
            "tensions:\n  - id: t\n    between: [a, c]\n")
    amap = loads(text).model
    exported, loss = export_aif(amap)
    assert [str(x) for x in loss] == [
        "approximated: 1 relation the analyst infers (by: analyst), 1 relation quote, "
        "1 critical question, 1 tension: kept in `argmap` objects, which other tools keep "
        "but do not show (they show every relation as one the source draws)"]
    assert amap == aif_from_text(exported, "x.json").map


def test_inconsistent_provenance_in_argmap_objects_is_dropped_and_reported() -> None:
    """A quote on the analyst's relation, a question on a support, a tension between nodes
    that are not there: each is left out and reported, and the rest imports."""
    doc = json.loads(aif([("a", "I", "A"), ("b", "I", "B"), ("ra", "RA", "RA")],
                         [("a", "ra"), ("ra", "b")]))
    doc["nodes"][2]["argmap"] = {"relation": {"by": "analyst", "quote": "q",
                                              "question": "cq1"}}
    doc["argmap"] = {"map": {"tensions": [{"id": "t", "between": ["a", "zz"]}]}}
    result = aif_from_text(json.dumps(doc), "d.json")
    assert [(r.by.value, r.quote, r.question) for r in result.map.nodes[0].supports] == [
        ("analyst", None, None)]
    assert result.map.tensions == ()
    assert [x.message for x in result.loss] == [
        "the nodeIDs of 2 I, RA, CA and MA nodes: argmap names nodes by their text, and a "
        "relation node becomes a relation",
        'argmap relation quote: "q" is not valid on a relation by: analyst',
        'argmap relation question: "cq1" is not valid on a support',
        "tension 't': no node 'zz' in the map"]


def test_ova_layout() -> None:
    """``{"AIF": ..., "OVA": ..., "text": ...}`` reads the AIF part; the OVA layout and the
    analysed text are reported, each by what it is."""
    inner = json.loads(aif([("1", "I", "A"), ("2", "I", "B"), ("3", "RA", "RA")],
                           [("1", "3"), ("3", "2")]))
    result = aif_from_text(json.dumps({"AIF": inner, "OVA": {"nodes": []},
                                       "text": "<p>A, so B.</p>"}), "ova.json")
    assert [("a", "supports", "b")] == relations(result.map)
    assert ["OVA part of the OVA file (the layout: positions of the nodes)",
            "text part of the OVA file (the analysed text)",
            "the nodeIDs of 3 I, RA, CA and MA nodes: argmap names nodes by their text, and a "
            "relation node becomes a relation"] == [loss.message for loss in result.loss]


def test_flagship_round_trips() -> None:
    """The flagship map survives AIF exactly (undercut: a CA aimed at the RA of a relation)."""
    amap = load(FLAGSHIP_REL).model
    text, loss = export_aif(amap)
    doc = json.loads(text)
    undercut = next(n for n in doc["nodes"] if n["type"] == "CA" and
                    "undercuts" in n["argmap"])
    target = next(e["toID"] for e in doc["edges"] if e["fromID"] == undercut["nodeID"])
    assert "RA" == next(n["type"] for n in doc["nodes"] if n["nodeID"] == target)
    assert amap == aif_from_text(text, "flagship.json").map
    assert ["approximated", "approximated"] == [entry.code for entry in loss]
    schemes = Counter(n["scheme"] for n in doc["nodes"] if n["type"] in ("RA", "CA"))
    assert (schemes["Argument From Sign"], schemes["Practical Reasoning"],
            schemes["Default Inference"]) == (12, 13, 48)


@pytest.mark.parametrize(("text", "expected"), [
    ("{", "1:2 json-syntax"),
    ('{"nodes": [{"type": "I", "text": "x"}]}', "1:12 aif"),
    ('{"nodes": [{"nodeID": 1, "type": "I"}, {"nodeID": "1", "type": "I"}]}', "1:51 aif"),
    ('{"nodes": 3}', "1:11 aif"),
    ('[1, 2]', "1:1 aif"),
    ('{"nodes": [], "nodes": []}', "1:15 duplicate-key"),
])
def test_malformed_files_give_located_errors(text: str, expected: str) -> None:
    """Malformed JSON or AIF is a located error."""
    with pytest.raises(LoadError) as info:
        aif_from_text(text, "bad.json")
    [problem] = info.value.problems
    assert expected == f"{problem.location.line}:{problem.location.col} {problem.code}"


def test_a_boolean_is_not_a_confidence() -> None:
    """``"confidence": true`` (1 to Python) is left out and reported, shown as JSON."""
    amap = loads("argmap: 1\ntitle: T\nnodes:\n  - id: a\n    kind: claim\n    text: A\n"
                 "    confidence: 0.5\n").model
    text, _ = export_aif(amap)
    result = aif_from_text(text.replace('"confidence": 0.5', '"confidence": true'), "x.json")
    assert (None, ["argmap confidence: true is not valid"]) == (
        result.map.nodes[0].confidence, [loss.message for loss in result.loss])


def test_edge_to_nowhere_is_reported_where_it_is() -> None:
    """An edge naming a missing node is left out and reported at its place."""
    text = '{"nodes": [{"nodeID": "1", "type": "I", "text": "A"}],\n' \
           ' "edges": [{"fromID": "1", "toID": "99"}]}'
    result = aif_from_text(text, "d.json")
    [loss] = [x for x in result.loss if x.message.startswith("edge")]
    assert (("d.json", 2, 12), "not-imported") == (loss.location, loss.code)


@settings(max_examples=100, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(maps(intervals=True))
def test_round_trip_property(amap: ArgumentMap) -> None:
    """For every valid map (intervals too): import(export_aif(m)) == m."""
    text, _ = export_aif(amap)
    assert amap == aif_from_text(text, "x.json").map


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(
    st.binary(max_size=200).map(lambda b: b.decode("utf-8", "replace")),
    st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=5),
                 lambda kids: st.lists(kids, max_size=4) | st.dictionaries(
                     st.sampled_from(["nodes", "edges", "nodeID", "type", "text", "fromID",
                                      "toID", "AIF", "argmap", "node"]), kids, max_size=4),
                 max_leaves=20).map(json.dumps)))
def test_hostile_input_never_crashes(text: str) -> None:
    """Random bytes and random JSON shaped like AIF raise nothing but ArgmapError."""
    try:
        result = aif_from_text(text, "fuzz.json")
    except ArgmapError:
        return
    assert result.map == loads(emit(result.map)).model


_COUNTED = re.compile(r"(\d+) (?:\w+ node\(s\)|edges of )")


@pytest.mark.corpus
def test_every_node_and_edge_of_the_corpus_is_imported_or_reported() -> None:
    """Over the whole AraucariaDB corpus (and the shipped files): every I, RA, CA and MA node
    comes back from the map (its export has the same nodes, each S node with the same I
    premises and conclusions), and every other node and edge is counted in the loss report
    or listed there on its own."""
    totals = Counter[str]()
    for path in [*FILES, *CORPUS_FILES]:
        text = path.read_text(encoding="utf-8")
        doc = json.loads(text)
        doc = doc.get("AIF", doc)
        types = {str(n["nodeID"]): n["type"] for n in doc["nodes"]}
        argument = {n for n, t in types.items() if t in ("I", "RA", "CA", "MA")}
        edges = [(str(e["fromID"]), str(e["toID"])) for e in doc["edges"]]
        inner = sum(1 for a, b in edges if a in argument and b in argument)
        result = aif_from_text(text, path.name)
        assert structure(text) == structure(export_aif(result.map)[0])
        counted = [_COUNTED.match(x.message) for x in result.loss]
        nodes_reported = sum(int(m.group(1)) for m in counted if m and "node" in m.group())
        edges_reported = sum(int(m.group(1)) for m in counted if m and "edges" in m.group()) \
            + sum(1 for x in result.loss if x.message.startswith("edge "))
        totals.update(nodes=len(types), edges=len(edges), nodes_imported=len(argument),
                      edges_imported=inner, nodes_reported=nodes_reported,
                      edges_reported=edges_reported)
    assert (totals["nodes"], totals["edges"]) == (
        totals["nodes_imported"] + totals["nodes_reported"],
        totals["edges_imported"] + totals["edges_reported"])
    assert len(CORPUS_FILES) >= 80


def test_a_title_is_kept_in_the_argmap_object_and_reported() -> None:
    """AIF's I nodes have text, no title: a node's title goes into its `argmap` object,
    the loss report counts it among the fields other AIF tools do not show, and it
    comes back."""
    amap = loads("argmap: 1\ntitle: T\nnodes:\n"
                 "  - {id: a, kind: claim, text: Coercion has failed., title: Coercion fails}\n"
                 ).model
    exported, loss = export_aif(amap)
    [node] = [n for n in json.loads(exported)["nodes"] if n["type"] == "I"]
    assert ("Coercion has failed.", "Coercion fails") == (node["text"], node["argmap"]["title"])
    assert [x.code for x in loss] == ["approximated"]
    assert "1 nodes have kinds, sources, quotes, tags or other fields" in loss.entries[0].message
    assert amap == aif_from_text(exported, "x.json").map

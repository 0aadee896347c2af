"""Generate a map written in the varied styles people use, with a source text its quotes are from.

    python benchmarks/generate_varied.py NODES RELATIONS OUT.yaml [--seed N]

writes OUT.yaml and, beside it, the source text its evidence quotes are taken from
(OUT.txt, about 75 bytes per node: 750 KB at 10,000 nodes). Where benchmarks/generate.py
writes every node alike, this generator rotates through the YAML people write by hand:
double-quoted texts with escapes (``\\"``, ``\\\\``, ``\\t``, ``\\u00e9``, ``\\/``) and
line folding, single-quoted texts with colons and ``''``, folded and literal block
scalars with chomping and indentation indicators, plain texts over several lines,
comments between keys and between nodes, flow and block lists with quoted items,
relations as flow mappings ``- {to: x, id: r, strength: 0.8}`` or in block form, Arabic
and accented text. Every quote really occurs in the source text (in a style of its own),
so ``quote-not-found`` does its full work. The relations are those of generate.py (same
seed, same targets), so the two maps have the same graph. A 100,000-node map stays
under argmap's 32 MB limit.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from generate import draw_relations

KINDS = ("evidence", "claim", "assumption", "claim", "recommendation", "objection")
WORDS = ("the", "border", "talks", "pressure", "trade", "security", "region", "policy",
         "government", "strategy", "cooperation", "economic", "military", "diplomatic",
         "brokered", "coexistence", "café", "naïve", "élite", "Zürich", "São", "Paulo",
         "پاکستان", "افغانستان", "مذاکرات", "سرحد", "and", "of", "to", "in", "with", "a")
PUNCT = (",", ":", ";", "", "", "", "", "")
TAGS = ("diplomacy", "economy", "security", "trade", "border", "history")
QUOTED_TAGS = ('"two words"', "'with: colon'", '"sécurité"', "'it''s'", '"#hash"')


def source_text(nodes: int, rng: random.Random) -> str:
    """Prose of about 75 bytes per node, in lines of sentences, with quotes and apostrophes."""
    out: list[str] = []
    size = 0
    target = 75 * max(nodes, 10)
    while size < target:
        words = [rng.choice(WORDS) + rng.choice(PUNCT) for _ in range(rng.randint(6, 14))]
        if rng.random() < 0.2:
            words.insert(rng.randrange(len(words)), '"so-called"')
        if rng.random() < 0.2:
            words.insert(rng.randrange(len(words)), "it's")
        sentence = " ".join(words).rstrip(",:;").capitalize() + "."
        out.append(sentence)
        size += len(sentence.encode("utf-8")) + 1
    return "\n".join(out) + "\n"


def passage(text: str, rng: random.Random) -> str:
    """A run of 6 to 12 whole words of ``text`` (within one line), as it stands there."""
    while True:
        start = rng.randrange(len(text) - 200)
        start = text.index(" ", start) + 1
        end = start
        for _ in range(rng.randint(6, 12)):
            end = text.find(" ", end + 1)
        piece = text[start:end]
        if "\n" not in piece and end > start:
            return piece.strip(" ,:;")


def plain_ok(text: str) -> bool:
    """Whether ``text`` can be written as a plain scalar and read back as itself."""
    return (bool(text) and text[0] not in "!&*%@`|>'\"[]{},#-?:" and ": " not in text
            and " #" not in text and not text.endswith(":") and text == text.strip())


def double_quoted(text: str, rng: random.Random, exact: bool = True) -> str:
    """``text`` as a double-quoted scalar, with a few gratuitous escapes as people write
    (and, unless ``exact``, a tab and a slash written as escapes after it)."""
    out = text.replace("\\", "\\\\").replace('"', '\\"')
    if rng.random() < 0.5:
        out = out.replace("é", "\\u00e9").replace("ü", "\\xfc")
    if not exact and rng.random() < 0.3:
        out += " (see\\tp.\\/2)"
    return '"' + out + '"'


def folded_lines(text: str, width: int) -> list[str]:
    """``text`` cut at spaces into lines of about ``width`` characters."""
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        if current and len(current) + len(word) >= width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    return lines


def scalar(key: str, text: str, rng: random.Random, pad: str) -> list[str]:
    """``key: text`` in one of the styles people use (each gives back ``text``, up to the
    white space a folded style adds or removes at the ends)."""
    style = rng.randrange(8)
    if style == 0 and plain_ok(text):
        return [f"{pad}{key}: {text}"]
    if style == 1:
        return [f"{pad}{key}: '" + text.replace("'", "''") + "'"]
    if style == 2:
        return [f"{pad}{key}: {double_quoted(text, rng, exact=key == 'quote')}"]
    if style == 3 and "  " not in text:
        # A double-quoted text folded over lines: each line break reads as a space.
        lines = folded_lines(double_quoted(text, rng), 40)
        return [f"{pad}{key}: {lines[0]}", *(f"{pad}  {line}" for line in lines[1:])]
    if style == 4 and "  " not in text and plain_ok(text):
        lines = folded_lines(text, 40)
        return [f"{pad}{key}: {lines[0]}", *(f"{pad}  {line}" for line in lines[1:])]
    if style == 5:
        header = rng.choice([">", ">-", ">+"])
        return [f"{pad}{key}: {header}", *(f"{pad}  {line}" for line in folded_lines(text, 50))]
    if style == 6:
        header = rng.choice(["|-", "|", "|2-"])
        return [f"{pad}{key}: {header}", f"{pad}  {text}"]
    return [f"{pad}{key}: '" + text.replace("'", "''") + "'"]


def relation_lines(kind: str, targets: list[tuple[str, str]], style: int,
                   rng: random.Random) -> list[str]:
    """A node's ``supports`` or ``attacks``: ids in a flow (style 0) or block (1) list, or
    relation mappings with ids in flow (2) or block (3) form; ``targets`` holds
    (node id, relation id) pairs."""
    if style == 0:
        return [f"    {kind}: [" + ", ".join(t for t, _ in targets) + "]"]
    if style == 1:
        return [f"    {kind}:", *(f"      - {t}" for t, _ in targets)]
    out = [f"    {kind}:"]
    for target, rid in targets:
        strength = f"0.{rng.randint(1, 9)}"
        if style == 2:
            out.append(f"      - {{to: {target}, id: {rid}, strength: {strength}}}")
        else:
            out += [f"      - to: {target}", f"        id: {rid}",
                    f"        strength: {strength}  # how strongly"]
            if rng.random() < 0.3:
                out.append(f"        note: 'Weighed: {target} is {rid}''s target'")
    return out


def generate_varied(nodes: int, relations: int, seed: int = 1,
                    text_name: str = "source.txt") -> tuple[str, str]:
    """The YAML of a map of ``nodes`` nodes and ``relations`` relations in varied styles,
    and the source text (to be saved as ``text_name`` beside it) its quotes come from."""
    rng = random.Random(seed)
    # The same relations as generate.py for the same seed: a node to an earlier one.
    out_rel = draw_relations(nodes, relations, rng)
    text = source_text(nodes, rng)
    lines = [
        "# yaml-language-server: $schema=../docs/argmap.schema.json",
        "argmap: 1",
        f'title: "Generated map of {nodes} nodes, in the styles people write: \\"varied\\""',
        "question: >-",
        "  Does a map written in every style people use",
        "  load as fast as a uniform one?",
        "authors: [argmap benchmarks, 'Zoë Ünal']",
        "date: '2026-01-15'",
        "sources:",
        "  - id: report",
        "    title: 'A generated report: its text beside the map'",
        f"    text: {text_name}",
        "  - id: memo",
        '    title: "Memo \\u2116 7"',
        "    url: https://example.org/memo",
        "nodes:",
    ]
    relation_ids: list[str] = []
    for i in range(nodes):
        kind = KINDS[i % len(KINDS)]
        if i % 50 == 0:
            lines.append(f"  # --- part {i // 50 + 1} ---")
        lines.append(f"  - id: n{i}")
        lines.append(f"    kind: {kind}")
        words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 9)))
        body = f"Statement {i}{rng.choice([':', ',', ''])} {words}"
        if rng.random() < 0.3:
            body += ' — "quoted" and back\\slash'
        lines += scalar("text", body, rng, "    ")
        if kind == "evidence":
            lines += scalar("quote", passage(text, rng), rng, "    ")
            lines.append("    source: report")
            lines.append(f'    locator: "p. {i % 300 + 1}"')
        if rng.random() < 0.2:
            lines.append("    # reviewed: keep")
        tag_style = rng.randrange(3)
        tags = [TAGS[i % len(TAGS)], rng.choice(QUOTED_TAGS)]
        if tag_style == 0:
            lines.append(f"    tags: [{tags[0]}, {tags[1]}]")
        elif tag_style == 1:
            lines += ["    tags:", *(f"      - {t}" for t in tags)]
        if i % 3 == 0:
            lines.append(f"    confidence: 0.{i % 9 + 1}")
        rels = out_rel.get(i, [])
        for kind_name in ("supports", "attacks"):
            targets = [(f"n{b}", f"r{i}-{j}") for j, (k, b) in enumerate(rels)
                       if k == kind_name]
            if targets:
                style = rng.randrange(4)
                lines += relation_lines(kind_name, targets, style, rng)
                if style >= 2:
                    relation_ids.extend(rid for _, rid in targets)
        if kind == "objection" and relation_ids and rng.random() < 0.3:
            lines += ["    undercuts:", f"      - to: {rng.choice(relation_ids[-20:])}"]
        if rng.random() < 0.1:
            lines += scalar("note", "Checked against the report; see §3.", rng, "    ")
    return "\n".join(lines) + "\n", text


def main() -> None:
    """Command line: write one generated map and its source text."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("nodes", type=int)
    parser.add_argument("relations", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    text_name = args.out.with_suffix(".txt").name
    yaml_text, source = generate_varied(args.nodes, args.relations, args.seed, text_name)
    args.out.write_text(yaml_text, encoding="utf-8")
    args.out.with_name(text_name).write_text(source, encoding="utf-8")


if __name__ == "__main__":
    main()

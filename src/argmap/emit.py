"""ArgumentMap -> YAML text in the style a person writes (and argmap reads back exactly).

The output follows docs/format.md: keys in the order of its tables (the order the
models of :mod:`argmap.model` declare them in), two-space indents, ``[a, b]`` flow
lists when they fit on a line, ``>-`` folded blocks for long text, quotes only where
a value needs them, and always for values a YAML 1.1 reader would turn into a
boolean, null, number or date (``no``, ``1:20``, ``0755``, ``2026-11-26``). Comments
may be placed above nodes, e.g. ``# approximated: ...`` from an importer's loss report.

The promise, checked by a property test: ``loads(emit(m)).map == m`` for every
valid map ``m``. The output also stays inside the subset read by
:mod:`argmap.loading._fastyaml` whenever the text allows it, so imported maps load fast.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from pydantic import BaseModel

from argmap.model import ArgumentMap, CheckConfig, Node, Relation, Source, Tension

__all__ = ["WIDTH", "emit", "flow", "scalar"]

#: Lines are kept under this many characters where the text allows it.
WIDTH = 88

# Keys in the order the models declare them, which is the order people read them in
# (docs/format.md's tables): the format's one declaration (argmap.model) gives it.
_MAP_KEYS = tuple(ArgumentMap.model_fields)
_SOURCE_KEYS = tuple(Source.model_fields)
_NODE_KEYS = tuple(Node.model_fields)
_RELATION_KEYS = tuple(Relation.model_fields)
_TENSION_KEYS = tuple(Tension.model_fields)
_CHECK_KEYS = tuple(CheckConfig.model_fields)

# Plain scalars that a YAML 1.1 reader types: booleans, nulls, numbers (also
# sexagesimal 1:20 and octal 0755), dates, the merge and value keys. argmap reads
# them as text anyway, but other readers of the file would not.
_TYPED = re.compile(r"""(?x)^(?:
    y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF
  | ~|null|Null|NULL|<<|=
  | [-+]?0b[0-1_]+ | [-+]?0x[0-9a-fA-F_]+ | [-+]?[0-9][0-9_]*(?::[0-5]?[0-9])*
  | [-+]?(?:[0-9][0-9_]*)?\.[0-9_]*(?:[eE][-+]?[0-9]+)?
  | [-+]?[0-9][0-9_]*(?:\.[0-9_]*)?[eE][-+]?[0-9]+
  | [-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
  | [-+]?\.(?:inf|Inf|INF) | \.(?:nan|NaN|NAN)
  | [0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \t]+).*)?
)$""")
# Characters a plain or quoted scalar may hold without escapes: printable ones,
# minus NEL and the Unicode line separators that YAML treats as line breaks.
_PRINTABLE = re.compile(
    "^[\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]*$"
)
_BAD_START = frozenset("!&*%@`|>'\"[]{},#")
_FLOW_BAD = re.compile(r"[\[\]{},\"'#]|: |:$")
_ESCAPES = {"\0": "\\0", "\a": "\\a", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\v": "\\v",
            "\f": "\\f", "\r": "\\r", "\x1b": "\\e", '"': '\\"', "\\": "\\\\",
            "\x85": "\\N", "\xa0": "\\_", "\u2028": "\\L", "\u2029": "\\P"}


def emit(
    amap: ArgumentMap,
    *,
    comments: Mapping[str, Sequence[str]] | None = None,
    header: Sequence[str] = (),
) -> str:
    """The YAML text of ``amap``.

    ``comments`` maps node ids to comment lines written above the node;
    ``header`` lines are written as comments at the top of the file.
    """
    out: list[str] = [f"# {_comment(line)}" for line in header]
    notes = comments or {}
    for key in _MAP_KEYS:
        value = getattr(amap, key)
        if _is_default(amap, key, value):
            continue
        if key == "sources":
            out.append("sources:")
            for src in value:
                _model_item(out, src, _SOURCE_KEYS, 2)
        elif key == "nodes":
            out.append("nodes:")
            for i, node in enumerate(value):
                if i:
                    out.append("")
                for line in notes.get(node.id, ()):
                    out.append(f"  # {_comment(line)}")
                _model_item(out, node, _NODE_KEYS, 2, _node_field)
        elif key == "tensions":
            out.append("tensions:")
            for tension in value:
                _model_item(out, tension, _TENSION_KEYS, 2, _tension_field)
        elif key == "check":
            _check(out, value)
        else:
            _field(out, key, value, 0)
    return "\n".join(out) + "\n"


def scalar(value: str, *, flow: bool = False) -> str:
    """``value`` as a one-line YAML scalar: plain when safe, quoted otherwise."""
    if _plain_ok(value, flow=flow):
        return value
    return _quoted(value)


def flow(value: Any) -> str:
    """``value`` (text, number, None, list, mapping) as one line of YAML flow style."""
    if value is None:
        return "null"
    if isinstance(value, str):
        return scalar(value, flow=True)
    if isinstance(value, bool):  # pragma: no cover - the format has no boolean fields
        raise TypeError(value)
    if isinstance(value, int | float):
        return _number(value)
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{scalar(str(k), flow=True)}: {flow(v)}"
                               for k, v in value.items()) + "}"
    return "[" + ", ".join(flow(v) for v in value) + "]"


# --- structure ----------------------------------------------------------------------------


def _is_default(model: BaseModel, key: str, value: Any) -> bool:
    info = type(model).model_fields[key]
    if info.is_required():
        return False
    default = info.get_default(call_default_factory=True)
    return bool(value == default and type(value) is type(default))


def _model_item(out: list[str], model: BaseModel, keys: Sequence[str], indent: int,
                special: Callable[[list[str], str, Any], bool] | None = None) -> None:
    """A list item holding a mapping: ``- first: ...`` then the other keys below it.

    ``special`` writes the keys that are not plain fields (it says whether it wrote one).
    """
    first = True
    for key in keys:
        value = getattr(model, key)
        if _is_default(model, key, value):
            continue
        start = len(out)
        if special is None or not special(out, key, value):
            _field(out, key, value, indent + 2)
        if first:
            out[start] = " " * indent + "- " + out[start][indent + 2:]
            first = False


def _node_field(out: list[str], key: str, value: Any) -> bool:
    """A node's relations, acknowledgements and kind (a node is an item at indent 2)."""
    if key in ("supports", "attacks", "undercuts"):
        _relations(out, key, value)
    elif key == "acknowledge":
        out.append("    acknowledge:")
        for rule, reason in value.items():
            _line_value(out, f"      {_key(rule)}:", reason, 8)
    elif key == "kind":
        out.append(f"    kind: {value.value}")
    else:
        return False
    return True


def _relations(out: list[str], key: str, rels: tuple[Relation, ...]) -> None:
    if all(_is_bare(r) for r in rels) and _flow_list(out, key, [r.to for r in rels], 4):
        return
    out.append(f"    {key}:")
    for rel in rels:
        if _is_bare(rel):
            out.append(f"      - {scalar(rel.to)}")
        else:
            _model_item(out, rel, _RELATION_KEYS, 6)


def _is_bare(rel: Relation) -> bool:
    return all(_is_default(rel, key, getattr(rel, key)) for key in _RELATION_KEYS[1:])


def _tension_field(out: list[str], key: str, value: Any) -> bool:
    """A tension's ``quotes``, one item (or block) a line (``between`` is a flow list)."""
    if key != "quotes":
        return False
    out.append("    quotes:")
    for quote in value:
        _line_value(out, "      -", quote, 8)
    return True


def _check(out: list[str], check: CheckConfig) -> None:
    keys = [k for k in _CHECK_KEYS if not _is_default(check, k, getattr(check, k))]
    if not keys:
        out.append("check: {}")
        return
    out.append("check:")
    for key in keys:
        value = getattr(check, key)
        _field(out, key, value.value if key == "severity" else value, 2)


def _field(out: list[str], key: str, value: Any, indent: int) -> None:
    pad = " " * indent
    if isinstance(value, tuple) and value and isinstance(value[0], float):
        out.append(f"{pad}{key}: {flow(value)}")  # an interval: [0.6, 0.9]
    elif isinstance(value, tuple):
        if not _flow_list(out, key, list(value), indent):
            out.append(f"{pad}{key}:")
            out.extend(f"{pad}  - {scalar(item)}" for item in value)
    elif isinstance(value, bool):  # pragma: no cover - the format has no boolean fields
        raise TypeError(key)
    elif isinstance(value, int | float):
        out.append(f"{pad}{key}: {_number(value)}")
    else:
        _line_value(out, f"{pad}{key}:", str(value), indent + 2)


def _flow_list(out: list[str], key: str, items: list[str], indent: int) -> bool:
    """``key: [a, b]`` when the line fits (items quoted where flow context needs it)."""
    if not items:
        out.append(f"{' ' * indent}{key}: []")
        return True
    if any("\n" in i for i in items):
        return False
    line = f"{' ' * indent}{key}: [{', '.join(scalar(i, flow=True) for i in items)}]"
    if len(line) > WIDTH:
        return False
    out.append(line)
    return True


def _line_value(out: list[str], prefix: str, value: str, body_indent: int) -> None:
    """``prefix value`` on one line, or a ``>-``/``|-`` block when the text is long."""
    one = scalar(value)
    if len(prefix) + 1 + len(one) <= WIDTH or not _block_ok(value):
        out.append(f"{prefix} {one}")
        return
    pad = " " * body_indent
    if "\n" in value:
        chomp = "" if value.endswith("\n") else "-"
        out.append(f"{prefix} |{chomp}")
        out.extend(pad + line if line else "" for line in value.removesuffix("\n").split("\n"))
        return
    out.append(f"{prefix} >-")
    out.extend(pad + line for line in _fold(value, WIDTH - body_indent))


# --- scalars ------------------------------------------------------------------------------


def _plain_ok(s: str, *, flow: bool = False) -> bool:
    if not s or s != s.strip(" ") or not _PRINTABLE.fullmatch(s):
        return False
    c = s[0]
    if c in _BAD_START or (c in "-?:" and (len(s) == 1 or s[1] == " ")):
        return False
    if ": " in s or " #" in s or s.endswith(":") or _TYPED.fullmatch(s):
        return False
    return not (flow and (_FLOW_BAD.search(s) or c in "?:" or ":?" in s))


def _quoted(s: str) -> str:
    if _PRINTABLE.fullmatch(s):
        if '"' not in s and "\\" not in s:
            return f'"{s}"'
        return "'" + s.replace("'", "''") + "'"
    parts: list[str] = []
    for ch in s:
        if ch in _ESCAPES:
            parts.append(_ESCAPES[ch])
        elif _PRINTABLE.fullmatch(ch):
            parts.append(ch)
        elif ord(ch) <= 0xFF:
            parts.append(f"\\x{ord(ch):02x}")
        elif ord(ch) <= 0xFFFF:
            parts.append(f"\\u{ord(ch):04x}")
        else:
            parts.append(f"\\U{ord(ch):08x}")
    return '"' + "".join(parts) + '"'


def _key(s: str) -> str:
    """A mapping key: plain when it is a simple word, quoted otherwise."""
    return s if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.\-]*", s) and not _TYPED.fullmatch(s) \
        else _quoted(s)


def _block_ok(s: str) -> bool:
    """Whether ``s`` reads back unchanged from a ``>-`` (one line) or ``|`` block."""
    if not _PRINTABLE.fullmatch(s.replace("\n", "")) or s[0] in " \n":
        return False
    if "\n" in s:
        body = s.removesuffix("\n")
        # `|` keeps one final newline and `|-` none; two or more need escapes.
        return not body.endswith("\n") and all(
            line == line.rstrip(" ") for line in body.split("\n"))
    return s == s.rstrip(" ")


def _fold(s: str, width: int) -> list[str]:
    """Break ``s`` at single spaces into lines of about ``width`` characters.

    A folded block turns each line break into one space, so breaking only at a
    space that has a non-space on both sides gives ``s`` back exactly.
    """
    lines: list[str] = []
    start = 0
    width = max(width, 20)
    while len(s) - start > width:
        cut = -1
        pos = s.find(" ", start + 1)
        while 0 < pos <= start + width:
            if s[pos - 1] != " " and pos + 1 < len(s) and s[pos + 1] != " ":
                cut = pos
            pos = s.find(" ", pos + 1)
        if cut < 0:
            # No break within the width: take the first possible one after it.
            while pos > 0 and not (s[pos - 1] != " " and pos + 1 < len(s)
                                   and s[pos + 1] != " "):
                pos = s.find(" ", pos + 1)
            cut = pos
        if cut < 0:
            break
        lines.append(s[start:cut])
        start = cut + 1
    lines.append(s[start:])
    return lines


def _number(value: float) -> str:
    if isinstance(value, float) and not math.isfinite(value):  # pragma: no cover - refused
        raise ValueError(value)  # by the model (allow_inf_nan=False)
    return repr(value)


def _comment(text: str) -> str:
    """One comment line: line breaks and control characters become spaces."""
    return "".join(ch if ch.isprintable() else " " for ch in text).strip()

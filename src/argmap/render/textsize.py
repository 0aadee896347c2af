"""The size of label text as Graphviz will draw it, measured once per character.

Letting Graphviz size 10,000 labels costs it a second; one small Graphviz run that
measures each character the labels use (in the font the DOT names) costs
milliseconds, and a line's width is then the sum of its characters' advances:
text is hinted to whole pixels, so a character's advance is the same in any word.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from itertools import repeat

from argmap.render.errors import GraphvizError, GraphvizTimeoutError
from argmap.render.escape import dot_lines, dot_quote

__all__ = ["Metrics", "label_lines", "measure"]

#: Measured widths are sums of single characters; kerning makes real text a
#: little narrower, never wider, and this covers rounding (one point per line).
_SLACK = 1.03
_ESCAPE = re.compile(r"\\(.)|([^\\]+)", re.DOTALL)


def label_lines(value: str) -> list[str]:
    """The lines a DOT label string shows (``\\n``, ``\\l``, ``\\r`` end lines)."""
    if "\\" not in value.replace("\\n", ""):
        # The common case, ten times faster: no escapes but line breaks.
        return value.replace("&amp;", "&").split("\\n")
    lines = [""]
    for m in _ESCAPE.finditer(value):
        if m.group(1) is None:
            lines[-1] += m.group(2)
        elif m.group(1) in "nlr":
            lines.append("")
        else:
            lines[-1] += m.group(1)
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    return [line.replace("&amp;", "&") for line in lines]


@dataclass(frozen=True)
class Metrics:
    """Text sizes in one font, in points at ``fontsize``: each character's advance,
    the width every line adds, and the height of one line and of the label's frame."""

    fontsize: float
    widths: dict[str, float]
    widest: float
    line_offset: float
    line_height: float
    frame_height: float

    def size(self, lines: list[str], fontsize: float) -> tuple[float, float]:
        """Width and height (points) of a label of ``lines`` at ``fontsize``."""
        scale = fontsize / self.fontsize
        get, widest = self.widths.get, repeat(self.widest)
        longest = max((sum(map(get, line, widest)) for line in lines), default=0.0)
        width = (longest + self.line_offset) * scale * _SLACK + 1.0
        height = (self.frame_height + self.line_height * max(len(lines), 1)) * scale
        return width, height


def measure(chars: str, fontname: str, fontsize: float, timeout: float,
            binary: str) -> Metrics:
    """Measure ``chars`` (and line heights) in one Graphviz run."""
    # Each character ten times on its own: text is hinted to whole pixels, so a
    # character's advance is the same in any word, while a neighbour (say "x" on
    # both sides) would add its kerning. Graphviz trims a label's outer spaces,
    # so the space is measured between two x's.
    probes = {f"c{i}": [c * 10] for i, c in enumerate(chars) if c != " "}
    probes |= {"one": ["x"], "ten": ["x" * 10], "four": ["x"] * 4, "xx": ["xx"],
               "space": ["x x"]}
    body = [f"  {name} [label={dot_lines(text)}];" for name, text in probes.items()]
    text = "\n".join([
        "digraph m {",
        "  node " + f"[fontname={dot_quote(fontname)}, fontsize={fontsize:g}, shape=plaintext, "
        'margin=0, width=0, height=0, pos="0,0"];', *body, "}"]) + "\n"
    sizes = _plain_sizes(_run(binary, ["-Kneato", "-n2", "-Tplain"], text, timeout))
    per_x = sizes["ten"][0] / 10
    offset = max(sizes["one"][0] - per_x, 0.0)
    line = (sizes["four"][1] - sizes["one"][1]) / 3
    widths = {c: sizes[f"c{i}"][0] / 10 for i, c in enumerate(chars) if c != " "}
    widths[" "] = sizes["space"][0] - sizes["xx"][0]
    widest = max([per_x, *widths.values()])
    return Metrics(fontsize, widths, widest, offset, line, sizes["one"][1] - line)


def _run(binary: str, args: list[str], text: str, timeout: float) -> str:
    try:
        done = subprocess.run([binary, *args], input=text.encode("utf-8"),
                              capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise GraphvizTimeoutError(f"Graphviz did not measure the text within {timeout:g} s"
                                   ) from None
    except OSError as exc:
        raise GraphvizError(f"cannot run Graphviz ({binary}): {exc.strerror or exc}") from None
    if done.returncode != 0:
        raise GraphvizError(f"Graphviz failed measuring text: exit code {done.returncode}")
    return done.stdout.decode("utf-8", errors="replace")


def _plain_sizes(plain: str) -> dict[str, tuple[float, float]]:
    out: dict[str, tuple[float, float]] = {}
    for row in plain.splitlines():
        parts = row.split(" ", 6)
        if parts[0] == "node" and len(parts) >= 6:
            out[parts[1].strip('"')] = (float(parts[4]) * 72, float(parts[5]) * 72)
    return out

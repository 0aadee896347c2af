"""A source whose local `text` file cannot be read.

`text:` names a plain-text copy of the source, relative to the map file, so
that quotes can be verified (`quote-not-found`). If the file is missing or is
not UTF-8 text, no quote from that source can be checked. The finding says
why, never what the file holds.

A `text:` that leads out of the map's folder and the working directory (or the
`source-roots` of the configuration), or names a FIFO, a device, a folder or a
file over 32 MiB, is not a finding but a load error (exit code 2): see
[security.md](security.md#what-argmap-reads).

Failing example:

    argmap: 1
    title: Missing text
    sources:
      - id: article
        title: The article
        text: no-such-file.txt
    nodes:
      - id: talks-collapsed
        kind: evidence
        text: The talks collapsed.
        source: article
        supports: [direct-talks-failed]
      - id: direct-talks-failed
        kind: claim
        text: Direct talks have failed.

Passing example:

    argmap: 1
    title: Text present
    sources:
      - id: article
        title: The article
        text: article.txt
    nodes:
      - id: talks-collapsed
        kind: evidence
        text: The talks collapsed.
        source: article
        supports: [direct-talks-failed]
      - id: direct-talks-failed
        kind: claim
        text: Direct talks have failed.

with `article.txt` beside the map.
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.checks._base import At, Context, Finding
from argmap.errors import Severity, shown

ID = "source-text-missing"
SEVERITY = Severity.ERROR


def check(ctx: Context) -> Iterator[Finding]:
    """Sources whose ``text`` file does not exist or is not UTF-8 text."""
    for m in ctx.maps:
        for i, src in enumerate(m.map.sources):
            if src.text is None:
                continue
            found = ctx.source(m, i)
            if found.text is None:
                # The reason only (no such file, not UTF-8, ...), never the file's content.
                yield Finding(At(m, ("sources", i, "text")),
                              f"cannot read the text of source {shown(src.id)}: "
                              f"{m.directory / src.text}: {found.problem}",
                              hint="fix the path (it is relative to the map file) or remove "
                              "`text:`")

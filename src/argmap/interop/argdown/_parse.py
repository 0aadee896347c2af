"""Argdown lines -> a document model: statements, arguments, relations, reconstructions.

Blocks are separated by blank lines. A block is a heading, a premise-conclusion
structure (``(1) ...``, ``----``), a list (``*``, ``1.``) or a statement/argument
with a tree of relations below it. Nesting follows Argdown's lexer: a relation
indented more than the one above it is its child; one indented less closes every
level deeper than itself, and lands beside the members of the level it reaches,
even when it stops between two levels. A line of text that is not a relation
continues the text of the member above it, however it is indented (Argdown's
hard-wrapped text), except where Argdown refuses a line indented less (after a bare
reference, or a line that starts with a statement or argument): argmap starts a new
element there.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from argmap.errors import Location, Problem, shown
from argmap.interop.argdown._inline import Item, Member, Rel, Step
from argmap.interop.argdown._source import Line, Prepared
from argmap.interop.argdown._syntax import (
    END,
    EXPANDED,
    HEADING,
    INFER,
    LIST,
    PCS,
    REL,
    SYMBOLS,
    head_of,
)
from argmap.interop.loss import APPROXIMATED, NOT_IMPORTED

__all__ = ["Document", "parse"]


@dataclass
class Document:
    """What an Argdown document says, before it becomes an argmap map."""

    prepared: Prepared
    members: list[Member] = field(default_factory=list)
    relations: list[Rel] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


class _Parser:
    def __init__(self, prepared: Prepared) -> None:
        self.doc = Document(prepared)
        self.loss = prepared.loss
        self.statements: dict[str, Member] = {}
        self.arguments: dict[str, Member] = {}
        self.section: str | None = None
        self.order = 0
        self.prev_argument: Member | None = None

    # --- blocks -----------------------------------------------------------------------

    def run(self) -> Document:
        block: list[Line] = []
        for line in self.doc.prepared.lines:
            if line.blank:
                if block:
                    self.block(block)
                    block = []
            else:
                block.append(line)
        if block:
            self.block(block)
        return self.doc

    def block(self, lines: list[Line]) -> None:
        # A block may hold several elements that lack the blank line between them.
        while lines:
            lines = self.element(lines)

    def element(self, lines: list[Line]) -> list[Line]:
        """Parse the element the lines start with; return the lines after it."""
        first = lines[0]
        s = first.text.lstrip()
        indent = len(first.text) - len(s)
        argument = None
        heading = HEADING.fullmatch(s)  # Argdown also reads ` # Heading` as a heading
        if heading is not None:
            rest = self.heading(heading.group(2), lines)
        elif PCS.match(s) or INFER.match(s):
            rest = self.pcs(lines)
        elif REL.match(s):
            self.problem(first, indent + 1, "relation without a statement or argument above it",
                         hint="a relation line goes below the statement or argument it "
                         "relates to, indented, without a blank line between them")
            rest = []
        elif LIST.match(s):
            rest = self.list_items(lines)
        else:
            item, k = self.tree(lines, 0, s, indent + 1)
            argument = item.element if item.element.argument else None
            rest = lines[k:]
        self.prev_argument = argument
        return rest

    def heading(self, text: str, lines: list[Line]) -> list[Line]:
        """A heading, hard-wrapped over the lines up to the next blank line (as Argdown reads
        it); return the lines after it. Where Argdown refuses what follows a heading without
        a blank line (a statement or argument, a relation, a reconstruction, a list), that
        is the next element, as if the blank line were there."""
        line = lines[0]
        item = self.item(None, line, 1)
        item.add(text, line, len(line.text) - len(text) + 1)
        k = 1
        while k < len(lines):
            s = lines[k].text.lstrip()
            after = lines[k + 1].text.lstrip() if k + 1 < len(lines) else ""
            if REL.match(s) or PCS.match(s) or INFER.match(s) or LIST.match(s) or \
                    head_of(s)[1] is not None or REL.match(after):
                break
            item.add(s, lines[k], len(lines[k].text) - len(s) + 1)
            k += 1
        body, tags, data = item.inline(self.doc.prepared)
        if tags or data:
            self.loss.add(NOT_IMPORTED, f"tags and data of the heading {shown(body)}",
                          self.where(line))
        self.section = body or None
        self.doc.headings.append(body)
        return lines[k:]

    def list_items(self, lines: list[Line]) -> list[Line]:
        i = 0
        while i < len(lines):
            s = lines[i].text.lstrip()
            m = LIST.match(s)
            if m is None:
                return lines[i:]
            _, i = self.tree(lines, i, s[m.end():], len(lines[i].text) - len(s) + m.end() + 1,
                             stop_at_list=True)
        return []

    # --- relation trees ---------------------------------------------------------------

    def tree(self, lines: list[Line], i: int, head: str, col: int, *,
             stop_at_list: bool = False, root: Item | None = None) -> tuple[Item, int]:
        """Parse a member (or, with ``root``, only relations below it) and its relation tree."""
        if root is None:
            root = self.head(head, lines[i], col)
            i += 1
        # Argdown's indentation levels, and the member last seen at each depth (path[0]
        # is the root): a relation at depth d is a child of path[d - 1].
        levels = [0]
        path = [root]
        items = [root]
        current = root
        current_indent = 0
        while i < len(lines):
            line = lines[i]
            s = line.text.lstrip()
            indent = len(line.text) - len(s)
            if PCS.match(s) or INFER.match(s) or (stop_at_list and LIST.match(s)):
                break
            m = REL.match(s)
            if m is None:
                if root.member is None and current is root:
                    break  # text after an inference's relations is not the inference's
                if current is not root and indent < current_indent and \
                        (not current.parts or head_of(s)[1] is not None):
                    # Argdown refuses such a line after a bare reference (`+ [T]`), and a
                    # `[T]: ...` or `<T>` there (it wants a dedent); giving the member above
                    # this text would redefine it or swallow a statement, so it starts a
                    # new element, as if the blank line were there.
                    break
                current.add(s, line, indent + 1)
                i += 1
                continue
            if indent > levels[-1]:
                levels.append(indent)
            else:
                while len(levels) > 1 and indent < levels[-1]:
                    levels.pop()
            depth = max(len(levels) - 1, 1)
            parent = path[depth - 1]
            rest = s[m.end():]
            where = Location(line.path, line.lineno, indent + 1)
            if not rest:
                self.problem(line, indent + 1, f"relation {shown(m.group(1))} without a statement "
                             "or argument after it")
                i += 1
                continue
            child = self.head(rest, line, indent + m.end() + 1)
            self.relate(m.group(1), parent, child, where)
            del path[depth:]
            path.append(child)
            current_indent = indent
            items.append(child)
            current = child
            i += 1
        for item in items:
            item.finish(self.doc.prepared, self.section)
        return root, i

    def head(self, s: str, line: Line, col: int) -> Item:
        """The member a line starts with: ``[T]: text``, ``[T]``, ``<T>: text``, ``<T>``, text."""
        kind, title, rest = head_of(s)
        if kind == "argument":
            member = self.argument(title, line, col)
        elif title is not None:
            member = self.statements.get(title) or self.new_statement(line, col, title)
        else:
            member = self.new_statement(line, col)
        item = self.item(member, line, col)
        item.add(rest, line, col + len(s) - len(rest))
        return item

    def relate(self, symbol: str, parent: Item, child: Item, where: Location) -> None:
        kind, child_is_source = SYMBOLS[symbol]
        if parent.member is None:  # relations below an inference line
            assert parent.step is not None
            if kind != "undercut" or not child_is_source:
                self.loss.add(APPROXIMATED, f"{shown(symbol)} below an inference line read as "
                              "a relation of the step's argument", where)
                self.add_rel(kind, child.element, parent.step.argument, where, child_is_source)
                return
            self.doc.relations.append(Rel("undercut", child.element, parent.step, where))
            return
        self.add_rel(kind, child.element, parent.element, where, child_is_source)

    def add_rel(self, kind: str, child: Member, parent: Member, where: Location,
                child_is_source: bool) -> None:
        src, tgt = (child, parent) if child_is_source else (parent, child)
        self.doc.relations.append(Rel(kind, src, tgt, where))

    # --- premise-conclusion structures ------------------------------------------------

    def pcs(self, lines: list[Line]) -> list[Line]:
        first = lines[0]
        argument = self.prev_argument or self.argument(None, first, 1)
        if argument.steps:
            self.loss.add(NOT_IMPORTED, "a second reconstruction of the same argument "
                          "replaces the first (as in Argdown)", self.where(first))
            argument.steps = []
        numbers: dict[int, Member] = {}
        pending: list[Member] = []
        steps: list[tuple[list[Member], Member, Step]] = []
        inference: Step | None = None
        position = 0  # `uses` counts the statements in order (Argdown ignores the numbers)
        i = 0
        while i < len(lines):
            line = lines[i]
            s = line.text.lstrip()
            indent = len(line.text) - len(s)
            m = PCS.match(s)
            if m is not None:
                before = len(self.doc.relations)
                kind, title, _ = head_of(s[m.end():])
                # The data a conclusion already had (an equivalence class seen before).
                known = self.statements.get(title) if kind == "statement" and title else None
                data_before = len(known.data) if known is not None else 0
                item, i = self.tree(lines, i, s[m.end():], indent + m.end() + 1)
                member = item.element
                position += 1
                numbers.setdefault(position, member)
                if inference is not None:
                    self.conclusion_extras(member, inference, before, data_before)
                    premises = [numbers[u] for u in inference.uses if u in numbers] or pending
                    steps.append((premises, member, inference))
                    pending, inference = [member], None
                else:
                    pending.append(member)
                continue
            if INFER.match(s) and inference is None:
                inference, i = self.inference(lines, i, argument)
                continue
            self.problem(line, indent + 1, "expected a numbered statement `(n) ...` or an "
                         "inference line `----` in this premise-conclusion structure")
            return []
        if inference is not None or not steps or pending != [steps[-1][1]]:
            self.problem(first, 1, "a premise-conclusion structure ends with a conclusion: "
                         "`(n) ...` after an inference line `----`",
                         hint="add the conclusion, or a blank line before text that follows")
            return []
        last = len(steps) - 1
        for k, (premises, conclusion, step) in enumerate(steps):
            node = argument if k == last else self.step_member(argument, k + 1, step.location)
            step.argument, step.premises, step.conclusion = node, premises, conclusion
            for premise in premises:
                self.doc.relations.append(Rel("support", premise, node, step.location))
            self.doc.relations.append(Rel("support", node, conclusion, step.location))
        argument.steps = [s for _, _, s in steps]
        return []

    def conclusion_extras(self, conclusion: Member, step: Step, before: int,
                          data_before: int) -> None:
        """What a conclusion says about the inference above it, as in Argdown: an undercut
        below it (``<_ X``) undercuts that inference, and its data's ``uses`` (when the
        inference has none) names the inference's premises."""
        for k in range(before, len(self.doc.relations)):
            rel = self.doc.relations[k]
            if rel.kind == "undercut" and rel.target is conclusion:
                self.doc.relations[k] = rel._replace(target=step)
        if step.uses:
            return
        for k in range(data_before, len(conclusion.data)):
            block, values = conclusion.data[k]
            uses = _uses(values)
            if uses is not None:
                step.uses = uses
                # Used: not for the loss report (a new dict: parsed data is shared).
                conclusion.data[k] = (block, {key: v for key, v in values.items()
                                              if key not in _USES})
                return

    def inference(self, lines: list[Line], i: int, argument: Member) -> tuple[Step, int]:
        line = lines[i]
        s = line.text.strip()
        step = Step(argument, self.where(line))
        body = self.item(None, line, 1)
        after = lines[i + 1].text.lstrip() if i + 1 < len(lines) else "("
        hyphens = END.fullmatch(s) is not None
        if hyphens and (PCS.match(after) or REL.match(after)):
            i += 1  # a collapsed inference: `----`
        elif not hyphens and (m := EXPANDED.fullmatch(s)) is not None:
            # `-- Modus ponens {uses: [1]} --`; the column keeps its data element found.
            indent = len(line.text) - len(line.text.lstrip())
            body.add(m.group(1), line, indent + m.start(1) + 1)
            i += 1
        else:  # an expanded inference: rules and data between two lines of hyphens
            body.add(s.lstrip("-").strip(), line, 3)
            i += 1
            while i < len(lines) and not END.fullmatch(lines[i].text.strip()):
                body.add(lines[i].text.strip(), lines[i], 1)
                i += 1
            i += 1
        text, _, data = body.inline(self.doc.prepared)
        step.rules = [r.strip() for r in text.split(",") if r.strip()]
        for block, values in data:
            uses = _uses(values)
            if uses is not None:
                step.uses = uses
            other = {k: v for k, v in values.items() if k not in _USES} \
                if isinstance(values, dict) else values
            if other is not None and other != {}:
                self.loss.add(NOT_IMPORTED, f"data of an inference: {_shown(other)}",
                              block.location)
        pseudo = self.item(None, line, 1)
        pseudo.step = step
        _, i = self.tree(lines, i, "", 1, root=pseudo)
        return step, i

    # --- members ----------------------------------------------------------------------

    def item(self, member: Member | None, line: Line, col: int) -> Item:
        self.order += 1
        return Item(member, line, col, self.order, self.doc.problems)

    def where(self, line: Line, col: int = 1) -> Location:
        return Location(line.path, line.lineno, col)

    def new_statement(self, line: Line, col: int, title: str | None = None) -> Member:
        member = Member(False, title, self.order + 1, self.where(line, col), self.section)
        if title is not None:
            self.statements[title] = member
        self.doc.members.append(member)
        return member

    def argument(self, title: str | None, line: Line, col: int) -> Member:
        if title is not None and title in self.arguments:
            return self.arguments[title]
        member = Member(True, title, self.order + 1, self.where(line, col), self.section)
        if title is not None:
            self.arguments[title] = member
        self.doc.members.append(member)
        return member

    def step_member(self, argument: Member, k: int, where: Location) -> Member:
        member = Member(True, None, argument.order, where, argument.section)
        member.step_of = (argument, k)
        self.doc.members.append(member)
        return member

    def problem(self, line: Line, col: int, message: str, hint: str | None = None) -> None:
        self.doc.problems.append(Problem(self.where(line, col), "argdown-syntax", message,
                                         hint=hint))


def parse(prepared: Prepared) -> Document:
    """Parse prepared lines into a :class:`Document` (problems are collected, not raised)."""
    return _Parser(prepared).run()


#: The data keys that name an inference's premises (Argdown's explode-arguments plugin).
_USES = ("uses", "from")


def _uses(values: object) -> list[int] | None:
    """The premise numbers of a data element's ``uses`` (or ``from``), if it has a valid one."""
    if not isinstance(values, dict):
        return None
    for key in _USES:
        uses = values.get(key)
        if isinstance(uses, list) and uses and \
                all(isinstance(u, str) and u.isdigit() for u in uses):
            return [int(u) for u in uses]
    return None


def _shown(value: object, n: int = 120) -> str:
    """Data as it reads in a loss report: short, on one line."""
    text = " ".join(str(value).split())
    return text if len(text) <= n else text[: n - 1] + "…"

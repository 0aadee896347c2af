"""The catalogue of argumentation schemes a relation may name (``scheme:``).

A scheme is a recurring pattern of defeasible inference (from a sign, from
an expert's word, from a goal to a means...). Naming it says how the premise
is meant to bear on the conclusion, and so which *critical questions* the
inference must survive: the questions are where a reviewer looks for the
weak spot, and the opt-in rule ``unanswered-critical-question`` lists those a
map never raises.

The schemes and their critical questions follow Walton, Reed and Macagno,
*Argumentation Schemes* (Cambridge University Press, 2008), chapter 9 (the
compendium), in the selection used by the Argument Interchange Format's
scheme set (AIFdb, OVA) and by Carneades; ``name`` is the scheme's name there,
so that AIF imports and exports keep it. The wording of the forms and the
questions is argmap's own paraphrase, shortened for tooltips and reports.
``docs/schemes.md`` is generated from this module.
"""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["SCHEMES", "Question", "Scheme", "by_name", "normalized_name"]


class Question(NamedTuple):
    """A critical question of a scheme: ``cq1``, ``cq2``, ... and its text."""

    id: str
    text: str


class Scheme(NamedTuple):
    """An argumentation scheme of the catalogue."""

    id: str
    """The kebab-case id a relation names in ``scheme:``."""
    name: str
    """The scheme's name in AIF (AIFdb, OVA)."""
    form: str
    """The pattern of the inference, premises then conclusion, in one sentence."""
    questions: tuple[Question, ...]
    aliases: tuple[str, ...] = ()
    """Other names of the scheme met in AIF files (Araucaria's, older OVA ones)."""

    def question(self, qid: str) -> Question | None:
        """The critical question ``qid`` (``cq2``), if the scheme has it."""
        return next((q for q in self.questions if q.id == qid), None)


def _scheme(sid: str, name: str, form: str, *questions: str,
            aliases: tuple[str, ...] = ()) -> Scheme:
    return Scheme(sid, name, form,
                  tuple(Question(f"cq{i}", text) for i, text in enumerate(questions, 1)),
                  aliases)


_CATALOGUE = (
    # --- sources of a claim: who says so -------------------------------------------------
    _scheme(
        "expert-opinion", "Argument From Expert Opinion",
        "E is an expert in the field of A, and E asserts A; so A is plausible.",
        "How credible is E as an expert?",
        "Is E an expert in the field that A belongs to?",
        "What exactly did E assert, and does it imply A?",
        "Is E personally reliable: honest, unbiased?",
        "Do other experts agree with A?",
        "Does E's assertion rest on evidence?",
        aliases=("Expert Opinion", "Appeal To Expert Opinion")),
    _scheme(
        "position-to-know", "Argument From Position To Know",
        "a is in a position to know whether A is true, and a asserts A; so A is plausible.",
        "Is a really in a position to know whether A is true?",
        "Is a an honest, trustworthy source?",
        "Did a actually assert A?"),
    _scheme(
        "witness-testimony", "Argument From Witness Testimony",
        "W was in a position to see whether A, and W testifies that A; so A is plausible.",
        "Is the testimony consistent in itself?",
        "Is it consistent with the known facts?",
        "Is it consistent with what other witnesses say?",
        "Is there a reason to think W is biased?",
        "How plausible is A in itself?"),
    _scheme(
        "popular-opinion", "Argument From Popular Opinion",
        "A is generally accepted as true; so A is plausible.",
        "What shows that A is generally accepted?",
        "Even if it is, is there a good reason to doubt A?"),
    # --- from cases ----------------------------------------------------------------------
    _scheme(
        "example", "Argument From Example",
        "In this case a has F and also G; so, generally, what has F has G.",
        "Is the example true: does a have F and G?",
        "Does the example bear on the general claim?",
        "Is the example typical of the cases the claim is about?",
        "How strong or general is the claim drawn from it?",
        "Were there special circumstances in the example that do not carry over?"),
    _scheme(
        "analogy", "Argument From Analogy",
        "Case C1 is similar to case C2, and A holds in C1; so A holds in C2.",
        "Are there differences between C1 and C2 that undermine the similarity?",
        "Does A really hold in C1?",
        "Is there a case C3, as similar to C2, in which A does not hold?"),
    _scheme(
        "precedent", "Argument From Precedent",
        "A past case was decided so, and this case is like it; so decide this case so too.",
        "Was the past case decided as claimed, and is it recognised?",
        "Is this case similar to it in the respects that mattered?",
        "Are there differences that call for a different outcome?",
        "Is there a rule or another precedent that applies instead?"),
    _scheme(
        "verbal-classification", "Argument From Verbal Classification",
        "a has property F, and whatever has F can be classified as G; so a is G.",
        "Is there evidence that a has F, rather than room for doubt?",
        "Does the classification rest on a stipulated or biased definition?",
        aliases=("Argument From Definition To Verbal Classification",)),
    # --- from signs and causes -----------------------------------------------------------
    _scheme(
        "sign", "Argument From Sign",
        "B is observed, and B is generally a sign of A; so A is plausible.",
        "How strongly is the sign linked to what it is taken to show?",
        "Are there other things that would account for the sign better?"),
    _scheme(
        "cause-to-effect", "Argument From Cause To Effect",
        "Generally, A brings about B, and A occurs (or will); so B will occur.",
        "How strong is the causal generalisation?",
        "Is the evidence for it strong enough to warrant it?",
        "Are there other factors that could prevent the effect?"),
    _scheme(
        "correlation-to-cause", "Argument From Correlation To Cause",
        "A and B are correlated; so A causes B.",
        "Is there really a correlation between A and B?",
        "Does it hold over enough cases to be more than coincidence?",
        "Could B cause A rather than A cause B?",
        "Could a third factor cause both?",
        "If the link is indirect, can the steps between A and B be shown?"),
    # --- from goals, values and consequences ---------------------------------------------
    _scheme(
        "practical-reasoning", "Practical Reasoning",
        "We have goal G, and doing A is a means to G; so we should do A.",
        "Are there other goals, in conflict with G, to take into account?",
        "Are there other means than A that would also bring about G?",
        "Of A and those other means, which is the best?",
        "Is it possible to do A?",
        "What other consequences of doing A should be taken into account?",
        aliases=("Argument From Goal", "Practical Inference")),
    _scheme(
        "positive-consequences", "Argument From Positive Consequences",
        "If A is done, good consequences will plausibly follow; so A should be done.",
        "How likely is it that the consequences will follow?",
        "What evidence supports that they will?",
        "Are there consequences of the opposite value to weigh against them?"),
    _scheme(
        "negative-consequences", "Argument From Negative Consequences",
        "If A is done, bad consequences will plausibly follow; so A should not be done.",
        "How likely is it that the consequences will follow?",
        "What evidence supports that they will?",
        "Are there consequences of the opposite value to weigh against them?"),
    _scheme(
        "values", "Argument From Values",
        "Value V is promoted by A, and V is good; so A should be considered for that reason.",
        "Is V a value the people concerned actually hold?",
        "Does A really promote V?",
        "Do other values, or other ways of promoting V, weigh against A?",
        aliases=("Argument From Positive Value", "Argument From Value")),
    _scheme(
        "slippery-slope", "Slippery Slope Argument",
        "A would start a chain of steps that ends in an outcome nobody wants; so A should "
        "not be done.",
        "What are the steps of the chain, and is each of them plausible?",
        "What evidence is there that the chain cannot be stopped along the way?",
        "Is the final outcome as bad as claimed?",
        aliases=("Argument From Slippery Slope",)),
    _scheme(
        "sunk-costs", "Argument From Sunk Costs",
        "So much has been invested in A that stopping would waste it; so A should go on.",
        "Can A still succeed, whatever was invested?",
        "Would going on cost more than stopping now, past investment aside?",
        aliases=("Argument From Waste",)),
    # --- from rules and commitments ------------------------------------------------------
    _scheme(
        "established-rule", "Argument From Established Rule",
        "An accepted rule says that in cases like this A is to be done; so A should be done.",
        "Does the rule really require A in this case?",
        "Do other rules conflict with it here?",
        "Is this an exception, where the rule should not apply?"),
    _scheme(
        "commitment", "Argument From Commitment",
        "a is committed to G, and G implies A; so a should accept A.",
        "What shows that a is committed to G?",
        "Does A follow from G, or is it a different proposition?"),
    _scheme(
        "inconsistent-commitment", "Argument From Inconsistent Commitment",
        "a has said A, yet a's actions or other words commit a to the opposite; so a's "
        "position is open to doubt.",
        "What shows that a is committed to A?",
        "What shows that a is also committed to the opposite?",
        "Can the two commitments be reconciled?",
        aliases=("Circumstantial Ad Hominem",)),
    # --- about the arguer ----------------------------------------------------------------
    _scheme(
        "ad-hominem", "Generic Ad Hominem",
        "a is of bad character (dishonest, careless); so a's argument deserves less weight.",
        "Is the premise about a's character well supported?",
        "Is a's character relevant to the argument at issue?",
        "Is the conclusion only that the argument deserves less weight, or that it is "
        "false?",
        aliases=("Ad Hominem", "Argument From Ad Hominem")),
    _scheme(
        "bias", "Argument From Bias",
        "a is biased on the question; so a's argument deserves less weight.",
        "What evidence is there that a is biased?",
        "Does the bias bear on the argument at issue?"),
    # --- from the absence of evidence ----------------------------------------------------
    _scheme(
        "ignorance", "Argument From Ignorance",
        "Had A been true, it would be known by now, and it is not known; so A is false.",
        "How far has the search for evidence gone?",
        "Which side bears the burden of proof?",
        "How strong must the proof be for the question at hand?",
        aliases=("Argument From Lack Of Evidence",)),
)

#: Every scheme of the catalogue, by id, in documentation order.
SCHEMES: dict[str, Scheme] = {s.id: s for s in _CATALOGUE}

_NOT_NAME = re.compile(r"[^a-z0-9]")


def normalized_name(name: str) -> str:
    """A scheme name reduced for matching: lower case, letters and digits only, without
    "argument from" in front or "argument" behind (``PracticalReasoning``, ``Argument
    From Practical Reasoning`` and ``practical-reasoning`` all give the same)."""
    text = _NOT_NAME.sub("", name.casefold())
    for prefix in ("argumentfrom", "argfrom"):
        text = text.removeprefix(prefix)
    return text.removesuffix("scheme").removesuffix("argument") or text


_BY_NAME: dict[str, str] = {}
for _s in _CATALOGUE:
    for _n in (_s.id, _s.name, *_s.aliases):
        _BY_NAME.setdefault(normalized_name(_n), _s.id)


def by_name(name: str) -> Scheme | None:
    """The scheme an AIF file (or a person) calls ``name``, however spelled, or ``None``."""
    sid = _BY_NAME.get(normalized_name(name))
    return None if sid is None else SCHEMES[sid]

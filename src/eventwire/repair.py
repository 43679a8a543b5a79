"""Parse repairs: one pass over a parsed ``Doc`` that corrects what the small English model
gets wrong in a regular way (``data/repairs.yaml``), so that no stage works around it.

Input: a spaCy ``Doc`` after the model. Output: the same ``Doc``, its lemmas corrected.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc

from . import resources


@lru_cache(maxsize=1)
def _verb_lemmas() -> dict[str, str]:
    return dict(resources.load_yaml("repairs.yaml")["verb_lemmas"])


def repair(doc: Doc) -> Doc:
    """Correct the lemmas of verb forms the model cuts short ("staged" is "stage", not "stag")."""
    lemmas = _verb_lemmas()
    for tok in doc:
        if tok.pos_ in ("VERB", "AUX") and tok.lower_ in lemmas:
            tok.lemma_ = lemmas[tok.lower_]
    return doc

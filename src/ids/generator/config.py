"""Generator configuration: run size, seed, and every quirk rate in one place.

Why a dataclass per concern: the linkage and quarantine logic downstream is tuned against these
rates, so they must be visible, documented and adjustable (``--noise`` multiplies every rate in
:class:`QuirkRates`). Rates that describe what a partner *structurally* sends (ECE collects the
parent SSN for about half of parents, DCF rarely has an SSN, DOL never sends dashes) are facts of
the contract, not noise, and live unscaled in :class:`SourceProfile`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields, replace

#: first and last day of the simulated history (inclusive); also the extract date
START_DATE = dt.date(2019, 1, 1)
END_DATE = dt.date(2025, 12, 31)


@dataclass(frozen=True)
class QuirkRates:
    """Probabilities of each identity / format quirk (per rendered record unless stated).

    Defaults are "realistic": most records are clean, every quirk occurs. All values are
    multiplied by ``noise`` (and capped at 1) in :meth:`scaled`.
    """

    # --- names -------------------------------------------------------------------------------
    name_case: float = 0.05            # record cased differently from the source's house style
    name_double_space: float = 0.004   # doubled inner space in a multi-word name
    name_stray_space: float = 0.004    # leading/trailing space inside a name value
    accent_strip: float = 0.45         # accented name typed without accents (DOL always strips)
    punct_removed: float = 0.30        # O'Brien -> OBrien / O Brien; Garcia-Lopez -> Garcia Lopez
    particle_collapsed: float = 0.30   # De La Cruz -> DeLaCruz / DELACRUZ
    suffix_in_last_no_field: float = 0.40   # JR/SR kept inside last name where no suffix column
    suffix_in_last_with_field: float = 0.04  # ... even though the source has a suffix column
    nickname: float = 0.03             # Bill for William, Chuy for Jesús
    phonetic: float = 0.012            # Jon for John, Gonzales for González
    typo_first: float = 0.005          # one-character typo in the given name
    typo_last: float = 0.005           # one-character typo in the last name
    first_last_swap: float = 0.003
    first_middle_swap: float = 0.004   # person goes by the middle name (only if they have one)
    name_change: float = 0.03          # adult women whose last name changes during 2019-2025
    name_change_hyphen: float = 0.35   # ... of which use a hyphenated name in between
    # --- dates of birth ----------------------------------------------------------------------
    dob_transposed: float = 0.004      # day/month swapped (only when both <= 12 and differ)
    dob_year_digit: float = 0.003
    dob_placeholder: float = 0.002     # 1900-01-01
    dob_missing: float = 0.005
    # --- SSN (sources that carry one) --------------------------------------------------------
    ssn_missing: float = 0.03
    ssn_placeholder: float = 0.004     # 000000000, 111111111, 123456789, 999999999
    ssn_invalid: float = 0.002         # area 000/666/9xx, group 00 or serial 0000
    ssn_typo: float = 0.004            # one digit wrong
    ssn_transposed: float = 0.002      # two adjacent digits swapped
    ssn_child_parent: float = 0.01     # child record carrying a parent's SSN
    # --- DOL (employer-reported; errors are at the worker x employer level) -----------------
    dol_ssn_typo: float = 0.003
    dol_ssn_transposed: float = 0.002
    dol_ssn_invalid: float = 0.001     # ITIN-like / structurally invalid, unique per worker
    dol_ssn_placeholder: float = 0.0005  # each placeholder value used for at most one worker
    dol_name_typo: float = 0.004
    # --- ids, codes, files -------------------------------------------------------------------
    duplicate_person_id: float = 0.03  # person re-registered with a second id in a source
    hmis_duplicate_person_id: float = 0.05
    sex_unknown: float = 0.01
    fadss_case_typo: float = 0.02      # provider mistypes the DHS case id
    null_literal: float = 0.05         # share of missing values written as NULL instead of ''
    stray_whitespace: float = 0.002    # any non-id value padded with a space
    duplicate_rows: float = 0.002      # exact re-sent rows
    bad_rows: float = 0.002            # deliberately invalid rows for the quarantine

    def scaled(self, noise: float) -> "QuirkRates":
        """Return a copy with every rate multiplied by ``noise`` (capped at 1)."""
        if noise < 0:
            raise ValueError("noise must be >= 0")
        return replace(self, **{f.name: min(1.0, getattr(self, f.name) * noise) for f in fields(self)})


@dataclass(frozen=True)
class SourceProfile:
    """What partners structurally send; spec facts, not scaled by ``--noise``."""

    ece_parent_ssn_missing: float = 0.5
    dcf_ssn_missing: float = 0.85
    dcf_adult_dob_missing: float = 0.30
    dcf_adult_dob_estimated: float = 0.20   # YYYY-01-01
    hmis_ssn_partial: float = 0.15          # xxxxx1234, SSNDataQuality 2
    hmis_ssn_missing: float = 0.20          # SSNDataQuality 8/9/99
    hmis_dob_approximate: float = 0.04      # DOBDataQuality 2 (YYYY-01-01 style)
    hmis_dob_missing: float = 0.03
    ssn_dashed: dict[str, float] = field(default_factory=lambda: {
        "dhs": 0.5, "ece": 0.7, "dcf": 0.8, "mcd": 0.1, "hmis": 0.0,
    })
    #: share of registrations a source types in upper case
    upper_case: dict[str, float] = field(default_factory=lambda: {
        "dhs": 0.6, "ece": 0.1, "doe": 0.05, "dcf": 0.3, "mcd": 1.0, "hmis": 0.05, "fadss": 0.1,
    })
    #: probability that a source updates a person's record after a last-name change
    name_update: float = 0.75


@dataclass(frozen=True)
class GeneratorConfig:
    """One generator run. Same config => byte-identical output."""

    persons: int = 10_000
    seed: int = 20260101
    noise: float = 1.0
    rates: QuirkRates = field(default_factory=QuirkRates)
    profile: SourceProfile = field(default_factory=SourceProfile)

    @property
    def q(self) -> QuirkRates:
        """Effective (noise-scaled) quirk rates."""
        return self.rates.scaled(self.noise)

"""Salted HMAC keys: the only identifiers the de-identified marts and published packages carry.

Why HMAC-SHA256 and not a plain hash: a person_id (or a provider's family id) comes from a small,
guessable space, so ``sha256(person_id)`` can be reversed by hashing every candidate. A keyed hash
with a secret salt cannot, and rotating the salt (per data-use license, see ``ids.publish``)
makes keys from two packages impossible to join.

The salt comes from the environment (``IDS_KEY_SALT``), never from SQL or dbt's Jinja, so it is not
written into compiled SQL, the manifest or the logs. Without it the demo salt below is used, which is
public and therefore only fit for the synthetic demo.
"""

from __future__ import annotations

import hashlib
import hmac
import os

__all__ = ["DEMO_SALT", "SALT_ENV_VAR", "current_salt", "salt_is_default", "hmac_key"]

#: The environment variable that holds the salt.
SALT_ENV_VAR = "IDS_KEY_SALT"

#: The salt used when ``IDS_KEY_SALT`` is unset: public, so keys made with it protect nothing.
DEMO_SALT = "ids-demo-salt-NOT-SECRET-set-IDS_KEY_SALT"


def current_salt() -> str:
    """The salt in force: ``IDS_KEY_SALT`` when set and non-empty, else :data:`DEMO_SALT`."""
    return os.environ.get(SALT_ENV_VAR) or DEMO_SALT


def salt_is_default() -> bool:
    """True when no salt was given and keys are made with the public demo salt."""
    return current_salt() == DEMO_SALT


def hmac_key(value: str | None, salt: str | None = None) -> str | None:
    """Hex HMAC-SHA256 of ``value`` under ``salt`` (default: :func:`current_salt`); None stays None.

    Callers put a kind prefix into ``value`` (``person:...``, ``family:...``) so that a person and a
    family with the same internal id never share a key.
    """
    if value is None:
        return None
    key = (salt if salt is not None else current_salt()).encode("utf-8")
    return hmac.new(key, value.encode("utf-8"), hashlib.sha256).hexdigest()

"""Password hashes: scrypt from the standard library, in werkzeug's text format.

The core must not depend on the web framework, so hashing lives here rather than
in werkzeug. The stored text keeps the format werkzeug wrote before this module
existed, `scrypt:N:r:p$salt$hex`, so every hash already in a database still
verifies and a row can move between versions in either direction. Hashes made in
werkzeug's older `pbkdf2:sha256:iterations$salt$hex` form are read too; new hashes
are always scrypt with werkzeug's default cost (N = 2**15, r = 8, p = 1).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import string

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
SALT_LENGTH = 16
_SALT_CHARS = string.ascii_letters + string.digits
# A stored cost is trusted, but a damaged row must not ask for gigabytes of memory.
_MAX_SCRYPT_WORK = 2**20 * 8
_PBKDF2_HASHES = frozenset({"sha256", "sha512"})


def hash_password(password: str, *, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P) -> str:
    """A new salted scrypt hash of `password` (a lower `n` only speeds tests up)."""
    salt = "".join(secrets.choice(_SALT_CHARS) for _ in range(SALT_LENGTH))
    return f"scrypt:{n}:{r}:{p}${salt}${_scrypt(password, salt, n, r, p)}"


def password_matches(stored: str, password: str) -> bool:
    """Whether `password` is the one `stored` was made from; False for a malformed hash."""
    method, _, rest = stored.partition("$")
    salt, _, expected = rest.partition("$")
    if not salt or not expected:
        return False
    name, *params = method.split(":")
    try:
        if name == "scrypt":
            n, r, p = (int(param) for param in params)
            if n * r * p > _MAX_SCRYPT_WORK:
                return False
            actual = _scrypt(password, salt, n, r, p)
        elif name == "pbkdf2" and len(params) == 2 and params[0] in _PBKDF2_HASHES:
            actual = hashlib.pbkdf2_hmac(
                params[0], password.encode(), salt.encode(), int(params[1])
            ).hex()
        else:
            return False
    except ValueError:  # a parameter that is no number, or one scrypt refuses
        return False
    return hmac.compare_digest(actual, expected)


def _scrypt(password: str, salt: str, n: int, r: int, p: int) -> str:
    # werkzeug's memory limit, so every hash it could verify verifies here too.
    digest = hashlib.scrypt(
        password.encode(), salt=salt.encode(), n=n, r=r, p=p, maxmem=132 * n * r * p
    )
    return digest.hex()

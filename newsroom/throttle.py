"""Login throttling: too many failed sign-ins from one address, or for one account, lock it out
for a while. Counters live in the cache (Redis in production)."""

import hashlib

from django.conf import settings
from django.core.cache import cache

MAX_FAILURES = 5
WINDOW_SECONDS = 15 * 60


def _keys(ip: str, username: str) -> list[str]:
    def digest(value: str) -> str:
        return hashlib.sha256(f"{settings.SECRET_KEY}:{value}".encode()).hexdigest()[:32]

    return [f"login-fail:ip:{digest(ip)}", f"login-fail:user:{digest(username.lower())}"]


def is_locked(ip: str, username: str) -> bool:
    return any((cache.get(key) or 0) >= MAX_FAILURES for key in _keys(ip, username))


def record_failure(ip: str, username: str) -> None:
    for key in _keys(ip, username):
        cache.add(key, 0, timeout=WINDOW_SECONDS)
        cache.incr(key)


def reset(ip: str, username: str) -> None:
    cache.delete_many(_keys(ip, username))

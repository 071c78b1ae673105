"""A small database-backed throttle for the public forms: no cache server needed.

Each form sent and each file uploaded is recorded as a ThrottleEvent against a key made from the
client's address. Before another is accepted, the events for that key in the last hour and the last
day are counted against the limits in settings. Events older than a day can never count again and
are deleted as new ones are written.

The key is an HMAC-SHA256 of the address with SECRET_KEY: the table never holds an address, and
without the secret nobody can tell which address a key belongs to. (Changing SECRET_KEY starts
everyone's counts afresh.) IPv6 addresses are counted by their /64 network, since one household or
phone is given a whole /64 and can change the rest of the address at will.

The client address is REMOTE_ADDR. Behind reverse proxies (a load balancer, a CDN), REMOTE_ADDR is
the nearest proxy's, so set FAIRHEARING_TRUSTED_PROXY_COUNT to the number of proxies that add to
X-Forwarded-For: the client is then the address that many entries from the right of that header
(entries further left were written by the client and prove nothing). With the setting at 0 the
header is ignored entirely, because anyone can send it.
"""

import hashlib
import hmac
import ipaddress
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.http import HttpRequest

from fairhearing.core import clock

from .choices import ThrottledAction
from .models import ThrottleEvent

HOUR = timedelta(hours=1)
DAY = timedelta(days=1)


def client_address(request: HttpRequest) -> str:
    """The address the request came from, trusting X-Forwarded-For only as far as the settings say."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < proxies:
        # Fewer entries than trusted proxies: the request did not come through them all.
        return remote
    return forwarded[-proxies]


def address_key(address: str) -> str:
    """The HMAC of the address (its /64 network for IPv6) under SECRET_KEY, as 64 hex characters."""
    text = (address or "").strip()
    try:
        parsed = ipaddress.ip_address(text)
    except ValueError:
        normalised = text.lower()
    else:
        if isinstance(parsed, ipaddress.IPv6Address) and parsed.ipv4_mapped is not None:
            parsed = parsed.ipv4_mapped
        if isinstance(parsed, ipaddress.IPv6Address):
            normalised = str(ipaddress.ip_network(f"{parsed}/64", strict=False))
        else:
            normalised = str(parsed)
    return hmac.new(settings.SECRET_KEY.encode(), normalised.encode(), hashlib.sha256).hexdigest()


def request_key(request: HttpRequest) -> str:
    return address_key(client_address(request))


@dataclass(frozen=True)
class Limit:
    """At most ``count`` actions in any ``window`` ending now; ``words`` says the window in a sentence."""

    count: int
    window: timedelta
    words: str


def limits_for(action: str) -> list[Limit]:
    if action == ThrottledAction.SUBMISSION:
        return [Limit(settings.PUBLIC_FORMS_SUBMISSIONS_PER_HOUR, HOUR, "an hour"),
                Limit(settings.PUBLIC_FORMS_SUBMISSIONS_PER_DAY, DAY, "a day")]
    if action == ThrottledAction.UPLOAD:
        return [Limit(settings.PUBLIC_FORMS_UPLOADS_PER_HOUR, HOUR, "an hour")]
    raise ValueError(f"No limits for {action!r}")


def throttle_exceeded(*, key: str, action: str, now: datetime | None = None) -> Limit | None:
    """The limit another ``action`` from ``key`` would break, or None if it is allowed.

    One query: the day's events for the key, counted twice with filters (the longest window any
    limit has is a day).
    """
    now = now or clock.now()
    limits = limits_for(action)
    longest = max(limit.window for limit in limits)
    times = list(
        ThrottleEvent.objects.filter(key=key, action=action, created_at__gt=now - longest)
        .values_list("created_at", flat=True)
    )
    for limit in limits:
        if sum(1 for moment in times if moment > now - limit.window) >= limit.count:
            return limit
    return None


def throttle_record(*, key: str, action: str, now: datetime | None = None) -> None:
    """Count one ``action`` from ``key``, and delete events too old to count any more."""
    now = now or clock.now()
    throttle_prune(now=now)
    ThrottleEvent.objects.create(key=key, action=action, created_at=now)


def throttle_prune(*, now: datetime | None = None) -> int:
    """Delete events older than the longest window (a day); returns how many went."""
    now = now or clock.now()
    deleted, _ = ThrottleEvent.objects.filter(created_at__lte=now - DAY).delete()
    return deleted

"""Webhook alerts: POST a JSON summary of a scan's *new* findings to an http(s) URL.

The post is best effort and never raises: a scan is never lost because a chat service
is down. Transient failures (connection errors, timeouts, HTTP 429 and 5xx) are retried
with exponential backoff; other answers are final. Messages are value-free twice over:
the payload carries counts, categories and masked-report messages only (never a field
example), and no result message echoes the response body (it may be anything) or the
URL beyond its host (Slack, Teams and similar webhook URLs carry their secret in the
path or query string).

When there are no new findings nothing is posted (``ok=True``, ``attempts=0``): an alert
channel should only speak when there is something to act on.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import httpx

from ._version import __version__
from .models import Finding, Report, Severity

#: statuses worth another try: rate limited, or the receiver had a transient problem.
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504}) | frozenset(range(505, 600))
MAX_RETRY_AFTER = 30.0


@dataclass(frozen=True)
class WebhookResult:
    """What happened to one post; ``message`` is safe to print (no secret, no response body)."""

    ok: bool
    message: str
    attempts: int
    status: int | None = None


def redact_url(url: str) -> str:
    """``scheme://host[:port]/…``: everything after the host may be a secret."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError):
        return "the webhook URL"
    if not parsed.scheme or not parsed.host:
        return "the webhook URL"
    host = f"[{parsed.host}]" if ":" in parsed.host else parsed.host
    port = f":{parsed.port}" if parsed.port is not None else ""
    tail = "/…" if (parsed.raw_path not in (b"", b"/") or parsed.userinfo) else ""
    return f"{parsed.scheme}://{host}{port}{tail}"


def webhook_url_ok(url: str) -> bool:
    """An http(s) URL with a host: anything else is the user's mistake, refused before the scan."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError):
        return False
    return parsed.scheme in ("http", "https") and bool(parsed.host)


def _secrets(url: str) -> list[str]:
    """The parts of the URL that must never appear in a message."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError):
        return [url]
    parts = [url, parsed.path, parsed.query.decode("ascii", "replace"), parsed.userinfo.decode("ascii", "replace")]
    parts += [parsed.password or "", parsed.username]
    return [p for p in parts if p and p != "/" and len(p) > 1]


def _scrub(text: str, url: str) -> str:
    """An exception's text, if it holds no part of the URL's secret; short either way."""
    text = " ".join(text.split())[:160]
    if any(secret in text for secret in _secrets(url)):
        return ""
    return text


def finding_summary(finding: Finding) -> dict[str, Any]:
    """One finding as the webhook carries it: what, where, how much, how to fix; no examples."""
    return {
        "fingerprint": finding.fingerprint,
        "rule_id": finding.rule_id,
        "type": finding.type,
        "title": finding.title,
        "severity": finding.severity.value,
        "location": finding.location,
        "engine": finding.engine,
        "records": finding.records,
        "people": finding.people,
        "categories": list(finding.categories),
        "patterns": list(finding.patterns),
        "message": finding.message,
        "remediation": finding.remediation.summary if finding.remediation else None,
    }


def build_payload(report: Report, findings: Sequence[Finding]) -> dict[str, Any]:
    """The JSON body. ``text`` is a one-line summary that Slack-style receivers display as is."""
    ordered = sorted(findings, key=lambda f: (-f.severity.rank, f.location, f.rule_id))
    counts = {s.value: sum(1 for f in ordered if f.severity is s) for s in Severity}
    spread = ", ".join(f"{n} {name}" for name, n in counts.items() if n)
    hosts = len({(f.host, f.port) for f in ordered})
    text = (
        f"unguarded: {len(ordered)} new finding{'s' if len(ordered) != 1 else ''} "
        f"on {hosts} service{'s' if hosts != 1 else ''} ({spread})"
    )
    return {
        "text": text,
        "tool": {"name": report.tool.name, "version": report.tool.version},
        "scan": {
            "started_at": report.started_at.isoformat(),
            "finished_at": report.finished_at.isoformat(),
            "services": len(report.services),
            "usable": sum(1 for s in report.services if s.exposure.usable),
        },
        "new_findings": [finding_summary(f) for f in ordered],
        "counts": counts,
    }


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after", "")
    try:
        return min(max(float(value), 0.0), MAX_RETRY_AFTER)
    except ValueError:
        return None


def _times(n: int) -> str:
    return f"{n} attempt{'s' if n != 1 else ''}"


#: one attempt, answer included, may take this many times ``timeout`` in all
ATTEMPT_DEADLINE_FACTOR = 3


def post_webhook(
    url: str,
    report: Report,
    findings: Sequence[Finding],
    *,
    timeout: float = 10.0,
    retries: int = 3,
    transport: httpx.BaseTransport | None = None,
    backoff: float = 1.0,
    sleep: Callable[[float], None] = time.sleep,
) -> WebhookResult:
    """POST the new ``findings`` of ``report`` to ``url``; never raises.

    ``retries`` is the number of attempts in all (at least one); between attempts it waits
    ``backoff``, then twice that, and so on (or what a 429's ``Retry-After`` asks, capped at
    30 s). ``timeout`` bounds each network step (connect, send, the wait for the answer);
    the response body is never read.
    """
    where = redact_url(url)
    if not findings:
        return WebhookResult(ok=True, message="no new findings: nothing posted", attempts=0)
    if not url.startswith(("http://", "https://")):
        return WebhookResult(ok=False, message=f"{where} is not an http:// or https:// URL", attempts=0)
    try:
        valid = bool(httpx.URL(url).host)
    except (httpx.InvalidURL, TypeError, ValueError):
        valid = False
    if not valid:
        return WebhookResult(ok=False, message=f"{where} is not a valid URL (it needs a host)", attempts=0)
    try:
        body = json.dumps(build_payload(report, findings)).encode("utf-8")
    except (TypeError, ValueError) as exc:  # a model that cannot be serialised is a bug; still never raise
        return WebhookResult(ok=False, message=f"could not build the payload: {exc.__class__.__name__}", attempts=0)
    headers = {"Content-Type": "application/json", "User-Agent": f"unguarded/{__version__}"}
    attempts_allowed = max(1, retries)
    attempts = 0
    last = "no attempt was made"
    status: int | None = None
    try:
        with httpx.Client(transport=transport, timeout=httpx.Timeout(timeout), follow_redirects=False) as client:
            while attempts < attempts_allowed:
                attempts += 1
                wait: float | None = None
                # ``timeout`` bounds each read; a receiver that drips its answer a byte at a
                # time would pass every one, so the whole attempt has a deadline too: past
                # it the client is closed under the request.
                watchdog = threading.Timer(ATTEMPT_DEADLINE_FACTOR * timeout, client.close)
                watchdog.daemon = True
                watchdog.start()
                status = None
                try:
                    with client.stream("POST", url, content=body, headers=headers) as response:
                        status = response.status_code
                        retry_after = _retry_after(response) if status == 429 else None
                except httpx.TimeoutException:
                    last = f"{where} did not answer within {timeout:g}s"
                except Exception as exc:
                    if watchdog.finished.is_set() and not watchdog.is_alive():
                        return WebhookResult(
                            ok=False,
                            message=f"{where} did not finish answering within {ATTEMPT_DEADLINE_FACTOR * timeout:g}s",
                            attempts=attempts,
                        )
                    if not isinstance(exc, httpx.TransportError):
                        raise
                    detail = _scrub(str(exc), url)
                    last = f"could not reach {where}" + (f": {detail}" if detail else "")
                finally:
                    watchdog.cancel()
                if status is not None:
                    if 200 <= status < 300:
                        return WebhookResult(
                            ok=True,
                            message=f"delivered to {where} (HTTP {status}, {_times(attempts)})",
                            attempts=attempts,
                            status=status,
                        )
                    if status not in RETRY_STATUSES:
                        kind = "redirected" if 300 <= status < 400 else "rejected"
                        return WebhookResult(
                            ok=False,
                            message=f"{where} {kind} the post with HTTP {status} (not retried)",
                            attempts=attempts,
                            status=status,
                        )
                    last, wait = f"{where} answered HTTP {status}", retry_after
                if attempts < attempts_allowed:
                    sleep(wait if wait is not None else backoff * 2 ** (attempts - 1))
    except httpx.InvalidURL:
        return WebhookResult(ok=False, message=f"{where} is not a valid URL", attempts=attempts)
    except Exception as exc:  # noqa: BLE001 (the contract: never raise, never lose a scan to an alert)
        return WebhookResult(
            ok=False, message=f"posting to {where} failed: {exc.__class__.__name__}", attempts=attempts, status=status
        )
    return WebhookResult(ok=False, message=f"{last} ({_times(attempts)})", attempts=attempts, status=status)


__all__ = [
    "RETRY_STATUSES",
    "WebhookResult",
    "build_payload",
    "finding_summary",
    "post_webhook",
    "redact_url",
    "webhook_url_ok",
]

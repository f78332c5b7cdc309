"""Broker and store URLs from the environment or a file, so a password never sits in ``argv``.

``ps`` shows every process's command line to every user of the machine, and shell
histories keep it. The broker comes from ``--broker-file FILE`` or ``$UNGUARDED_BROKER``
(a ``--broker`` URL works too, with a warning if it holds a password); the store from
``--store-file FILE`` or ``$UNGUARDED_STORE``, likewise.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

ENV_BROKER = "UNGUARDED_BROKER"
#: the queue a coordinator sends to and a worker consumes when none is named
DEFAULT_QUEUE = "unguarded"
#: seconds before the broker re-delivers an unacknowledged shard; longer than any shard runs.
#: Both live here, beside the URLs, so the command line can show them without importing Celery.
DEFAULT_VISIBILITY_TIMEOUT = 3600.0
#: a URL file is one line; anything bigger is not one
MAX_URL_FILE = 4096


class UrlError(ValueError):
    """A URL could not be found or read; the message never contains the URL's password."""


def has_password(url: str) -> bool:
    try:
        return bool(urlsplit(url.strip()).password)
    except ValueError:
        return False


def redact_url(url: str) -> str:
    """The URL with any password replaced by ``***``, for messages."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return "(a malformed URL)"
    if not parts.password:
        return url.strip()
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return parts._replace(netloc=netloc).geturl()


def read_url_file(path: Path, what: str) -> str:
    """The first non-empty, non-comment line of a file holding one URL (mode 0600 recommended)."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_URL_FILE + 1)
    except OSError as exc:
        raise UrlError(f"cannot read the {what} file {str(path)!r}: {exc.strerror or exc.__class__.__name__}") from None
    if len(data) > MAX_URL_FILE:
        raise UrlError(f"the {what} file {str(path)!r} is not a one-line URL")
    for line in data.decode("utf-8", "replace").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            return line
    raise UrlError(f"the {what} file {str(path)!r} holds no URL")


def broker_url(flag: str | None, file: Path | None) -> tuple[str | None, str | None]:
    """The broker URL (flag, else file, else ``$UNGUARDED_BROKER``) and a warning when the flag holds a password."""
    if flag:
        warning = (
            f"the broker password is on the command line, where ps and shell histories show it: "
            f"use --broker-file or ${ENV_BROKER} instead"
            if has_password(flag)
            else None
        )
        return flag.strip(), warning
    if file is not None:
        return read_url_file(file, "broker"), None
    configured = os.environ.get(ENV_BROKER, "").strip()
    return configured or None, None


def store_warning(flag: str | None) -> str | None:
    """A warning when ``--store`` puts a password on the command line."""
    if flag and has_password(flag):
        return (
            "the store password is on the command line, where ps and shell histories show it: "
            "use --store-file or $UNGUARDED_STORE instead"
        )
    return None


def check_broker(url: str) -> None:
    """Only Redis brokers are supported (``redis://``, ``rediss://``, ``redis+socket://``)."""
    scheme = url.split("://", 1)[0].lower() if "://" in url else ""
    if scheme not in ("redis", "rediss", "redis+socket"):
        raise UrlError(f"the broker must be a redis:// or rediss:// URL, not {redact_url(url)}")


__all__ = [
    "ENV_BROKER",
    "UrlError",
    "broker_url",
    "check_broker",
    "has_password",
    "read_url_file",
    "redact_url",
    "store_warning",
]

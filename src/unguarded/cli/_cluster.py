"""What ``scan`` (as coordinator) and ``worker`` share: broker and store URLs from flags, files or the environment.

Every mistake is a usage error naming the flag or variable, never echoing a password.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ..distributed.urls import (
    DEFAULT_QUEUE,
    DEFAULT_VISIBILITY_TIMEOUT,
    ENV_BROKER,
    UrlError,
    broker_url,
    check_broker,
    read_url_file,
    store_warning,
)
from ._common import usage_error


def say_warning(message: str) -> None:
    """One line on stderr: the run goes on."""
    sys.stderr.write(f"unguarded: warning: {' '.join(message.split())}\n")


def resolve_broker(flag: str | None, file: Path | None, *, required: bool) -> str | None:
    """The broker URL from ``--broker``, ``--broker-file`` or ``$UNGUARDED_BROKER``; warns on a password in argv."""
    try:
        url, warning = broker_url(flag, file)
        if url is not None:
            check_broker(url)
    except UrlError as exc:
        usage_error(str(exc))
    if warning:
        say_warning(warning)
    if url is None and required:
        usage_error(f"no broker: give --broker-file FILE or set ${ENV_BROKER} (or --broker redis://host:6379/0)")
    return url


def resolve_store(flag: str | None, file: Path | None) -> str | None:
    """The store URL from ``--store`` or ``--store-file``; None leaves it to ``$UNGUARDED_STORE`` or the default."""
    warning = store_warning(flag)
    if warning:
        say_warning(warning)
    if flag:
        return flag
    if file is not None:
        try:
            return read_url_file(file, "store")
        except UrlError as exc:
            usage_error(str(exc))
    return None


BrokerOption = Annotated[
    str | None,
    typer.Option(
        "--broker",
        metavar="URL",
        help=f"Redis broker URL (redis://host:6379/0). A password here shows in ps: prefer --broker-file or "
        f"${ENV_BROKER}.",
        show_default=False,
    ),
]
BrokerFileOption = Annotated[
    Path | None,
    typer.Option("--broker-file", metavar="FILE", help="File whose first line is the broker URL.", show_default=False),
]
StoreFileOption = Annotated[
    Path | None,
    typer.Option(
        "--store-file",
        metavar="FILE",
        help="File whose first line is the store URL (postgresql://...).",
        show_default=False,
    ),
]
QueueOption = Annotated[
    str,
    typer.Option("--queue", metavar="NAME", help="Celery queue of the shards (one per network segment)."),
]
VisibilityOption = Annotated[
    float,
    typer.Option(
        "--visibility-timeout",
        min=1.0,
        metavar="SECONDS",
        help="Seconds before the broker hands a dead worker's shard to another worker; longer than any shard runs.",
    ),
]

__all__ = [
    "DEFAULT_QUEUE",
    "DEFAULT_VISIBILITY_TIMEOUT",
    "BrokerFileOption",
    "BrokerOption",
    "QueueOption",
    "StoreFileOption",
    "VisibilityOption",
    "resolve_broker",
    "resolve_store",
]

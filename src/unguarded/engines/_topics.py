"""Messages seen on a broker, grouped into topic patterns, for the MQTT and NATS engines.

A broker has no tables: what it gives away is the traffic on its topics (MQTT) or
subjects (NATS). Topics that differ only in some levels (``owntracks/alice/phone``,
``owntracks/bob/tablet``) are one dataset, named with the protocol's one-level wildcard
(``owntracks/+/+``), so a tracker fleet is one location dataset and the report names no
user. Every bound is enforced here: messages in all, bytes in all, samples per pattern
and bytes per message; the engines only feed what they read.
"""

from __future__ import annotations

import asyncio
import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from .base import Assessment


async def skip_bytes(reader: asyncio.StreamReader, length: int) -> None:
    """Drop ``length`` bytes in small chunks: an oversized message is never buffered whole."""
    while length > 0:
        chunk = await reader.read(min(length, 64 * 1024))
        if not chunk:
            raise asyncio.IncompleteReadError(b"", length)
        length -= len(chunk)


def decode_payload(payload: bytes) -> dict[str, Any]:
    """A message as a record: a JSON object's own fields, else the value under ``payload``.

    OwnTracks and most IoT devices publish JSON objects, so ``lat``/``lon``/``tst`` reach
    the classifier as fields with names; text and binary payloads are one field.
    """
    try:
        text = payload.decode("utf-8")
    except UnicodeDecodeError:
        return {"payload": payload}
    try:
        value = json.loads(text)
    except ValueError:
        return {"payload": text}
    return value if isinstance(value, dict) else {"payload": value}


@dataclass
class TopicTally:
    """The messages seen on the topics of one group (same first level, same depth)."""

    topics: set[str] = field(default_factory=set)
    messages: int = 0
    retained: int = 0
    size: int = 0
    sample: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class TopicSampler:
    """Bounded collection of broker messages, grouped by topic pattern.

    ``add`` answers ``False`` once a bound on the whole collection is reached (messages or
    bytes), so a firehose ends the read instead of filling memory.
    """

    separator: str
    wildcard: str
    max_messages: int
    max_bytes: int
    sample_size: int
    record_byte_cap: int
    max_topics: int = 10_000
    messages: int = 0
    size: int = 0
    oversized: int = 0
    groups: dict[tuple[str, int], TopicTally] = field(default_factory=lambda: defaultdict(TopicTally))

    def full(self) -> bool:
        """Whether a bound on the whole read has been reached."""
        return self.messages >= self.max_messages or self.size >= self.max_bytes

    def count_only(self, length: int) -> bool:
        """Count a message that is not kept (over the record cap); ``False`` when full."""
        self.messages += 1
        self.size += length
        self.oversized += 1
        return not self.full()

    def add(self, topic: str, payload: bytes, *, retained: bool = False) -> bool:
        """Tally one message (sampled if its group has room); ``False`` when the read must stop."""
        self.messages += 1
        self.size += len(payload)
        levels = topic.split(self.separator)
        key = (levels[0], len(levels))
        if key not in self.groups and len(self.groups) >= self.max_topics:
            return not self.full()
        tally = self.groups[key]
        if len(tally.topics) < self.max_topics:
            tally.topics.add(topic)
        tally.messages += 1
        tally.retained += retained
        tally.size += len(payload)
        if len(payload) > self.record_byte_cap:
            self.oversized += 1
        elif len(tally.sample) < self.sample_size:
            tally.sample.append(decode_payload(payload))
        return not self.full()

    def pattern(self, tally: TopicTally) -> str:
        """The group's name: levels shared by every topic kept, the others as the wildcard."""
        split = [topic.split(self.separator) for topic in sorted(tally.topics)]
        first = split[0]
        return self.separator.join(
            level if all(levels[i] == level for levels in split) else self.wildcard for i, level in enumerate(first)
        )

    def into(self, result: Assessment, *, kind: str = "topic") -> None:
        """One dataset per pattern, with its message count (what was seen, not a total)."""
        for tally in sorted(self.groups.values(), key=lambda t: -t.messages):
            result.add_dataset(
                self.pattern(tally), tally.messages, tally.sample, kind=kind, size=tally.size, exact=False
            )

    @property
    def retained(self) -> int:
        return sum(t.retained for t in self.groups.values())

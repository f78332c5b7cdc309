"""Face templates: float vectors of the lengths face-recognition models emit (128 for dlib and
FaceNet-128, 512 for ArcFace/InsightFace and FaceNet-512), usually L2-normalised.

A unit-norm vector of exactly those lengths stands on its own; in a field named like an
embedding, face or template any float vector of those lengths counts, as do float32
blobs of the same sizes (512 or 2048 bytes).
"""

from __future__ import annotations

import math
from typing import Any

from .base import Concept, Detector, Kind, Strength, words

FACE_DIMENSIONS = frozenset({128, 512})


def norm(vector: tuple[float, ...]) -> float:
    return math.sqrt(math.fsum(x * x for x in vector))


EMBEDDING_HINT = Concept(
    "embedding",
    strong=words(
        "embedding embeddings faceembedding faceencoding encoding descriptor facevector featurevector template facefeature"
    ),
    weak=words("vector features feature"),
    cjk_strong=("特征",),
)


class UnitFaceEmbedding(Detector):
    id = "face_embedding.unit"
    category = "biometric.face_embedding"
    description = "float vector of length 128 or 512 with L2 norm within 0.9-1.1"
    strength = Strength.MEDIUM
    hint = EMBEDDING_HINT
    kinds = Kind.VECTOR

    def match(self, value: tuple[float, ...]) -> str | None:
        if len(value) not in FACE_DIMENSIONS:
            return None
        return self.category if 0.9 <= norm(value) <= 1.1 else None


class FaceEmbeddingByName(Detector):
    id = "face_embedding.named"
    category = "biometric.face_embedding"
    description = "128/512-float vector or float32 blob in a field named like an embedding"
    strength = Strength.STRONG
    hint = EMBEDDING_HINT
    needs_hint = 2
    kinds = Kind.VECTOR | Kind.BYTES
    min_len = 512
    max_len = 2048

    def match(self, value: Any) -> str | None:
        if isinstance(value, bytes):
            return self.category if len(value) in (512, 2048) else None
        if len(value) in FACE_DIMENSIONS and all(abs(x) < 16 for x in value):
            return self.category
        return None

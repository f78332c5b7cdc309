"""Other biometric templates (fingerprint, iris, voice, palm): binary or encoded blobs and
vectors in a field named like one. The formats are proprietary; the name is the evidence."""

from __future__ import annotations

from typing import Any

from .base import Concept, Detector, Kind, Shape, Strength, words

BIOMETRIC_HINT = Concept(
    "biometric",
    strong=words("fingerprint iris voiceprint voice minutiae palmprint retina biometric biometrics zhiwen hongmo"),
    cjk_strong=("指纹", "虹膜", "声纹", "掌纹"),
)


class BiometricTemplate(Detector):
    id = "biometric.other"
    category = "biometric.other"
    description = "binary, base64/hex blob or vector in a field named fingerprint, iris, voiceprint, 指纹"
    strength = Strength.STRONG
    hint = BIOMETRIC_HINT
    needs_hint = 2
    kinds = Kind.BYTES | Kind.TEXT | Kind.VECTOR
    shapes = Shape.ALNUM | Shape.TOKEN
    min_len = 16
    max_len = 1 << 30

    def match(self, value: Any) -> str | None:
        if isinstance(value, (bytes, tuple)):
            return self.category if len(value) >= 16 else None
        return self.category if " " not in value and len(value) >= 32 else None

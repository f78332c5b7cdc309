"""Face images: JPEG/PNG/WebP/GIF/BMP/HEIC bytes, or their base64 (data URI or bare), in a
field named like a photo, picture, avatar or face.

No face detector runs here (that would need a model); the field name carries the
person, the magic bytes prove it is an image. ``image`` alone is not enough (product
images), ``photo``, ``avatar``, ``profile_image``, ``照片`` are.
"""

from __future__ import annotations

from typing import Any

from .base import Concept, Detector, Kind, Shape, Strength, words

_MAGIC = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a", b"BM")
_B64_PREFIXES = ("/9j/", "iVBORw0KGgo", "R0lGOD", "UklGR", "Qk")
_DATA_URI = "data:image/"


def image_bytes(data: bytes) -> bool:
    """Image magic numbers (WebP and HEIC by their container headers)."""
    if data.startswith(_MAGIC):
        return True
    return (data[:4] == b"RIFF" and data[8:12] == b"WEBP") or data[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1")


def image_text(text: str) -> bool:
    """Base64 of an image, bare or as a data URI."""
    if text.startswith(_DATA_URI):
        return ";base64," in text[:40]
    return len(text) >= 64 and text.startswith(_B64_PREFIXES)


PHOTO_HINT = Concept(
    "photo",
    strong=words(
        "photo photos picture pic avatar face portrait selfie headshot foto bild profilepic "
        "profileimage profilephoto userimage faceimage idphoto zhaopian touxiang"
    ),
    weak=words("image img"),
    cjk_strong=("照片", "头像", "人脸", "相片"),
)


class FaceImage(Detector):
    id = "face_image"
    category = "biometric.face_image"
    description = "image bytes or base64 image in a field named like a photo of a person"
    strength = Strength.STRONG
    hint = PHOTO_HINT
    needs_hint = 2
    kinds = Kind.BYTES | Kind.TEXT
    shapes = Shape.TOKEN | Shape.ALNUM
    min_len = 12
    max_len = 1 << 30

    def match(self, value: Any) -> str | None:
        if isinstance(value, bytes):
            return self.category if image_bytes(value) else None
        return self.category if image_text(value) else None

"""The detector registry: one module per kind of value, collected here in one tuple.

A detector module holds all that is known about its kind of value: the detectors, the
field-name words that hint at it (a :class:`~.base.Concept`), and any word lists. Adding
one is that module, a line here, and a row in :mod:`..categories` if its category is new.

Order matters only for ties: when two detectors validate the same share of a column,
the one listed first wins (more specific before more generic).
"""

from __future__ import annotations

from .bank_account import AccountNumberByName, Iban
from .base import Concept, Detector, Kind, Shape, Strength, shape_of
from .biometric_other import BiometricTemplate
from .birth_date import BirthDate
from .clinical import ClinicalCodeByName, ClinicalCodeFormat, ClinicalMeasure
from .cn_ric import ChinaResidentId
from .coordinates import CoordinatePair, CoordinateText, GeoJsonPoint, Latitude, Longitude, WkbPoint
from .damaged import DAMAGED
from .device_id import DeviceIdByName, Imei, MacAddress
from .email import Email
from .employer import Employer
from .ethnicity import Ethnicity
from .face_embedding import FaceEmbeddingByName, UnitFaceEmbedding
from .face_image import FaceImage
from .gender import Gender
from .health import Health, IcdCodeByName
from .ip_address import IpAddress
from .medication import Medication
from .named import CODED, NAMED
from .national_id import NationalIdByName, StdnumNationalId
from .passport import PassportByName, PassportMrz
from .password import HexDigestPassword, PasswordHash, PlainPassword
from .payment_card import PaymentCard
from .person_name import PersonNameByDictionary, PersonNameByHint
from .phone import ChinaMobile, InternationalPhone, NationalPhone
from .political import Political
from .postal_address import AddressByName, Postcode, StreetAddress
from .religion import PlaceOfWorship, Religion
from .secret import SecretByName, SecretFormat
from .sexual_orientation import SexualOrientation
from .us_ssn import UsSsnBare, UsSsnDashed

DETECTORS: tuple[Detector, ...] = (
    Email(),
    ChinaResidentId(),
    UsSsnDashed(),
    PaymentCard(),
    Iban(),
    PassportMrz(),
    Imei(),
    StdnumNationalId(),
    UsSsnBare(),
    InternationalPhone(),
    ChinaMobile(),
    IpAddress(),
    MacAddress(),
    PasswordHash(),
    HexDigestPassword(),
    SecretFormat(),
    GeoJsonPoint(),
    WkbPoint(),
    CoordinatePair(),
    CoordinateText(),
    Latitude(),
    Longitude(),
    UnitFaceEmbedding(),
    FaceEmbeddingByName(),
    FaceImage(),
    BiometricTemplate(),
    BirthDate(),
    Ethnicity(),
    Religion(),
    PlaceOfWorship(),
    Health(),
    Medication(),
    IcdCodeByName(),
    ClinicalCodeFormat(),
    ClinicalCodeByName(),
    ClinicalMeasure(),
    Political(),
    SexualOrientation(),
    StreetAddress(),
    PersonNameByDictionary(),
    PersonNameByHint(),
    PassportByName(),
    NationalIdByName(),
    DeviceIdByName(),
    SecretByName(),
    PlainPassword(),
    NationalPhone(),
    AccountNumberByName(),
    AddressByName(),
    Postcode(),
    Gender(),
    Employer(),
    *NAMED,
    *CODED,
    *DAMAGED,
)

__all__ = ["DETECTORS", "Concept", "Detector", "Kind", "Shape", "Strength", "shape_of"]

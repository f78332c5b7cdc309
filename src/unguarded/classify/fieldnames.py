"""Field names and JSON paths as evidence: tokens, multilingual hints, and a negative list.

A path such as ``billingAddress.zip_code`` or ``patient.身份证号`` is split into lower-case
tokens (snake case, camel case, dots, brackets, digits), and hints are looked up on whole
tokens and on joined runs of up to three tokens (``date_of_birth`` -> ``dateofbirth``), so
``recipient`` never reads as ``ip`` and ``FirstName``/``first_name``/``firstname`` agree.
Hanzi have no separators, so Chinese entries are looked up as substrings of CJK tokens.

Each *concept* (``phone``, ``national_id``, ``religion``...) has strong and weak words.
A strong word alone is enough to call a field by its name when its values are merely
plausible (a ``religion`` column of short words); a weak word (``name``, ``company``,
``party``, ``id_number``) only lets a value detector that needs a hint run, and the values
must then validate. The negative dictionary cancels identifier-like concepts on fields
such as ``contract_number`` or ``order_id``, whose values often have ID length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_SPLIT = re.compile(r"[._\-\[\]\s/:$@#]+")
_CAMEL = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+|[^\x00-\x7f]+")
_CJK = re.compile(r"[\u3400-\u9fff]")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


@dataclass(frozen=True)
class Concept:
    """Words that name one kind of field; ``cjk`` entries match as substrings."""

    strong: frozenset[str]
    weak: frozenset[str] = frozenset()
    cjk_strong: tuple[str, ...] = ()
    cjk_weak: tuple[str, ...] = ()


# Words are written joined and lower case: "date of birth" is "dateofbirth".
CONCEPTS: dict[str, Concept] = {
    "name": Concept(
        _words(
            "firstname lastname fullname surname givenname familyname middlename maidenname forename "
            "customername contactname patientname employeename holdername cardholder cardholdername "
            "accountholder accountname fathername mothername spousename realname legalname personname "
            "vorname nachname familienname prenom nomdefamille nomcomplet apellido apellidos "
            "nombrecompleto primernombre sobrenome nomecompleto xingming xm truename"
        ),
        _words("name names nombre nom nome displayname"),
        ("姓名", "真实姓名", "名字", "姓氏"),
    ),
    "birth_date": Concept(
        _words(
            "dob birthdate birthday dateofbirth birth born geburtsdatum geburtstag datedenaissance "
            "naissance fechanacimiento fechadenacimiento nacimiento datanascimento nascimento "
            "csrq chusheng chushengriqi shengri birthdt bdate"
        ),
        frozenset(),
        ("出生", "生日"),
    ),
    "gender": Concept(
        _words("gender sex geschlecht sexe sexo genero xingbie xb"),
        frozenset(),
        ("性别",),
    ),
    "employer": Concept(
        _words("employer workplace arbeitgeber employeur empleador empregador gongzuodanwei danwei"),
        _words("company companyname organisation organization organisationname firm firma empresa entreprise"),
        ("工作单位", "单位"),
        ("公司",),
    ),
    "national_id": Concept(
        _words(
            "ssn socialsecurity socialsecuritynumber nationalid nationalidnumber idcard idcardno "
            "identitycard identitynumber citizenid citizennumber personalnumber personnummer pesel "
            "cpf curp aadhaar aadhar nir dni nie tckn tckimlik kimlik rrn jumin juminbeonho "
            "codicefiscale fiscalcode personalausweis ausweis ausweisnummer numerosecu insee cedula "
            "rut run sin nino bsn hetu cnp egn amka nik ktp mykad nric hkid steuerid "
            "shenfenzheng shenfenzhenghao sfz sfzh sfzhm zjhm"
        ),
        _words("idnumber idno taxid identification documentnumber docnumber documento identity"),
        ("身份证", "证件号", "公民身份"),
    ),
    "passport": Concept(
        _words("passport passportno passportnumber passnummer reisepass passeport pasaporte passaporte huzhao mrz"),
        frozenset(),
        ("护照",),
    ),
    "email": Concept(
        _words("email mail emailaddress correo courriel youxiang"),
        frozenset(),
        ("邮箱", "电子邮件"),
    ),
    "phone": Concept(
        _words(
            "phone phonenumber telephone tel mobile mobilephone cell cellphone fax msisdn "
            "telefon telefono telephono handy portable movil celular whatsapp "
            "shouji dianhua sjhm lxdh contactnumber"
        ),
        frozenset(),
        ("手机", "电话", "联系方式"),
    ),
    "address": Concept(
        _words(
            "address addr street streetaddress homeaddress billingaddress shippingaddress "
            "mailingaddress deliveryaddress shipto shipaddress residence adresse anschrift strasse "
            "direccion domicilio endereco "
            "indirizzo dizhi zhuzhi addressline"
        ),
        frozenset(),
        ("地址", "住址", "住所"),
    ),
    "postcode": Concept(
        _words("postcode postalcode zip zipcode postal plz postleitzahl codepostal codigopostal cep youbian"),
        frozenset(),
        ("邮编", "邮政编码"),
    ),
    "latitude": Concept(_words("lat latitude breitengrad breite weidu"), frozenset(), ("纬度",)),
    "longitude": Concept(
        _words("lon lng longitude laengengrad laenge jingdu"),
        _words("long"),
        ("经度",),
    ),
    "coordinates": Concept(
        _words(
            "coordinates coords coord geo geopoint geolocation latlng latlon lnglat location position gps loc point"
        ),
        _words("geometry geom place"),
        ("坐标", "位置", "定位"),
    ),
    "ip": Concept(
        _words("ip ipaddress ipaddr clientip remoteaddr remoteip sourceip srcip userip lastip ipv4 ipv6"),
        frozenset(),
        ("IP地址",),
    ),
    "device": Concept(
        _words(
            "imei imsi meid mac macaddress deviceid udid idfa idfv gaid adid advertisingid "
            "androidid pushtoken devicetoken trackerid cameraid iccid"
        ),
        _words("device"),
        ("设备号",),
    ),
    "card": Concept(
        _words("cardnumber creditcard cc ccnumber pan cardno debitcard kreditkarte carte tarjeta yinhangka"),
        _words("card"),
        ("银行卡", "信用卡"),
    ),
    "bank": Concept(
        _words("iban bankaccount accountnumber kontonummer bic swift rib clabe"),
        _words("account"),
        ("银行账号", "账号"),
    ),
    "password": Concept(
        _words(
            "password passwd pwd pass passhash passwordhash hashedpassword passwort motdepasse "
            "contrasena contrasenya senha mima encryptedpassword pw"
        ),
        frozenset(),
        ("密码",),
    ),
    "secret": Concept(
        _words(
            "secret apikey apisecret accesskey secretkey accesstoken refreshtoken authtoken token "
            "bearer clientsecret privatekey sessiontoken sessionkey credentials credential "
            "connectionstring dsn webhooksecret signingkey"
        ),
        frozenset(),
        ("密钥", "令牌"),
    ),
    "photo": Concept(
        _words(
            "photo photos picture pic avatar face portrait selfie headshot foto bild profilepic "
            "profileimage profilephoto userimage faceimage idphoto zhaopian touxiang"
        ),
        _words("image img"),
        ("照片", "头像", "人脸", "相片"),
    ),
    "embedding": Concept(
        _words(
            "embedding embeddings faceembedding faceencoding encoding descriptor facevector featurevector template facefeature"
        ),
        _words("vector features feature"),
        ("特征",),
    ),
    "biometric": Concept(
        _words("fingerprint iris voiceprint voice minutiae palmprint retina biometric biometrics zhiwen hongmo"),
        frozenset(),
        ("指纹", "虹膜", "声纹", "掌纹"),
    ),
    "ethnicity": Concept(
        _words("ethnicity ethnic race ethnie ethnique etnia raza herkunft minzu mz"),
        frozenset(),
        ("民族", "种族"),
    ),
    "religion": Concept(
        _words(
            "religion religious faith belief denomination konfession religionszugehoerigkeit confession zongjiao xinyang"
        ),
        frozenset(),
        ("宗教", "信仰"),
    ),
    "place_type": Concept(
        _words(
            "placetype venuetype poitype locationtype amenity venuecategory placecategory poicategory "
            "placekind buildingtype sitetype poiclass"
        ),
        _words("category type kind"),
    ),
    "health": Concept(
        _words(
            "diagnosis diagnoses diagnose icd icd10 icdcode disease diseases illness "
            "medication medications medicine drug drugs prescription treatment allergy allergies "
            "disability symptom symptoms bloodtype hiv pregnancy krankheit medikament "
            "maladie medicament enfermedad medicamento diagnostico jibing zhenduan bingshi"
        ),
        _words("condition conditions health medical"),
        ("诊断", "疾病", "病史", "病情", "药品", "过敏", "残疾", "病历"),
        ("健康",),
    ),
    "political": Concept(
        _words(
            "political politics partyaffiliation politicalparty unionmember "
            "tradeunion unionmembership partei gewerkschaft syndicat sindicato zzmm zhengzhimianmao"
        ),
        _words("party partido parti vote voted voting"),
        ("政治面貌", "党派"),
    ),
    "sexual_orientation": Concept(
        _words("sexualorientation sexuality orientationsexuelle orientacionsexual xingquxiang sexualitaet"),
        _words("orientation"),
        ("性取向",),
    ),
}

# Tokens that make a field an identifier of a thing, not of a person: they cancel
# identifier-like concepts even when a hint word is present (``contract_number``).
NEGATIVE_WORDS: frozenset[str] = _words(
    "contract order invoice product sku tracking serial part batch lot ticket transaction txn "
    "reference ref barcode ean upc isbn gtin sequence seq version build item shipment parcel "
    "receipt booking confirmation voucher coupon promo model checksum etag digest sha md5 crc "
    "hash filehash contenthash commit revision"
)
NEGATED_CONCEPTS = frozenset({"national_id", "passport", "card", "bank", "phone", "device"})

# Tokens that say a "name" is the name of a thing (file, product, city...), not a person.
NOT_PERSON_WORDS: frozenset[str] = _words(
    "file filename host hostname table db database index product item brand album artist track "
    "song genre media playlist category type key app application device server service domain "
    "bucket column field project street city country state region district store shop team group "
    "role plan tag label event course film movie title user username screen login account bank "
    "branch dept department org organisation organization business merchant vendor supplier hotel "
    "venue place location school university language font template queue topic channel job task "
    "module class method package image icon color colour currency unit company firm host node "
    "cluster collection schema view function sheet layer network ssid"
)
# Tokens that make a bare "name" a person's name (``customer.name``, table ``patients``).
PERSON_CONTEXT: frozenset[str] = _words(
    "customer customers client clients patient patients person persons people user users employee "
    "employees staff member members contact contacts student students passenger passengers guest "
    "guests owner owners driver drivers citizen citizens applicant applicants holder recipient "
    "sender beneficiary actor actors author authors teacher teachers doctor doctors nurse "
    "volunteer volunteers voter voters subscriber subscribers buyer seller "
    "kunde kunden benutzer mitarbeiter patienten mitglieder clients utilisateurs employes salaries "
    "adherents cliente clientes usuario usuarios empleado empleados paciente pacientes socios "
    "utenti dipendenti pazienti klienci pracownicy yonghu kehu huiyuan yuangong"
)


def tokens(path: str) -> tuple[str, ...]:
    """Lower-case word tokens of a field path: ``homeAddress.zip_code`` -> home, address, zip, code."""
    out: list[str] = []
    for part in _SPLIT.split(path):
        if part:
            out.extend(t.lower() for t in _CAMEL.findall(part))
    return tuple(out)


def _ngrams(toks: tuple[str, ...]) -> set[str]:
    grams = set(toks)
    for n in (2, 3, 4):
        for i in range(len(toks) - n + 1):
            grams.add("".join(toks[i : i + n]))
    return grams


@dataclass(frozen=True)
class FieldHints:
    """What a field's name says: concept -> 2 (strong) or 1 (weak); whether it is negated."""

    levels: dict[str, int]
    negative: bool
    not_person: bool

    def level(self, concept: str) -> int:
        return self.levels.get(concept, 0)

    def __hash__(self) -> int:  # dict field: hash by content for caching
        return hash((tuple(sorted(self.levels.items())), self.negative, self.not_person))


@lru_cache(maxsize=4096)
def hints_for(path: str, context: str = "") -> FieldHints:
    """Concepts a field path names. ``context`` (the dataset name) can only promote weak hints."""
    toks = tokens(path)
    grams = _ngrams(toks)
    cjk = [t for t in toks if _CJK.search(t)]
    levels: dict[str, int] = {}
    for concept, words in CONCEPTS.items():
        if grams & words.strong or any(w in t for t in cjk for w in words.cjk_strong):
            levels[concept] = 2
        elif grams & words.weak or any(w in t for t in cjk for w in words.cjk_weak):
            levels[concept] = 1
    # The last path component decides negation: "order.customer_phone" is still a phone.
    last = tokens(path.rsplit(".", 1)[-1]) if "." in path else toks
    negative = bool(_ngrams(last) & NEGATIVE_WORDS)
    if negative:
        for concept in NEGATED_CONCEPTS & levels.keys():
            del levels[concept]
    not_person = bool(set(last) & NOT_PERSON_WORDS)
    if levels.get("name") == 1:
        ctx = set(toks) | set(tokens(context))
        if not_person:
            del levels["name"]
        elif ctx & PERSON_CONTEXT:
            levels["name"] = 2
    return FieldHints(levels, negative, not_person)

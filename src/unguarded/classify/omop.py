"""OMOP CDM tables are judged by the structure the Common Data Model documents.

The OHDSI OMOP Common Data Model (versions 5.3 and 5.4) is how many hospitals and
research networks store electronic health records for analysis: one table per clinical
domain (``condition_occurrence``, ``drug_exposure``, ``measurement``...), every fact keyed
by ``person_id`` and coded by integer ``*_concept_id`` columns, with the original code in a
``*_source_value``. The values alone look like nothing (``201826``, ``V5861``, ``8507``):
structure says what they are. A condition's concept id is a diagnosis, a person's
``gender_concept_id`` a gender, ``race_concept_id`` an ethnic origin, ``year_of_birth``
part of a birth date, whatever the numbers look like.

:func:`structure` recognises a table of the CDM by its column names (at least
:data:`MIN_COLUMNS` of them, and at least :data:`MIN_SHARE` of the table's columns, must be
the columns of one CDM table, compared case-insensitively: the DDL is written in lower case,
SQL Server deployments often upper-case it) and gives each of those columns the category
the model gives it. Other columns of the CDM table (keys, provenance
``*_type_concept_id``, dates, units, ranges) are metadata and never reported; columns a
site added go to the value detectors as usual. The standardised vocabulary tables
(``concept``, ``concept_synonym``, ``drug_strength``...) hold reference data about no one:
every column there is metadata, so a list of condition names is not a diagnosis.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .flatten import leaf
from .standards import Structure, _Field

MIN_COLUMNS = 3
MIN_SHARE = 0.7
_HEALTH = "special.health"


def _table(categorised: dict[str, str], metadata: str) -> dict[str, str | None]:
    spec: dict[str, str | None] = {c: None for c in metadata.split()}
    spec.update(categorised)
    return spec


def _health(columns: str) -> dict[str, str]:
    return dict.fromkeys(columns.split(), _HEALTH)


_PERSON_DEMOGRAPHICS = {
    "gender_concept_id": "person.gender",
    "gender_source_value": "person.gender",
    "gender_source_concept_id": "person.gender",
    "year_of_birth": "person.birth_date",
    "month_of_birth": "person.birth_date",
    "day_of_birth": "person.birth_date",
    "birth_datetime": "person.birth_date",
}

# Table -> column -> category (None: the model's metadata). CDM 5.4, with the 5.3 names
# that 5.4 renamed (admitting_source -> admitted_from, discharge_to -> discharged_to).
TABLES: dict[str, dict[str, str | None]] = {
    "person": _table(
        {
            **_PERSON_DEMOGRAPHICS,
            "race_concept_id": "special.ethnicity",
            "race_source_value": "special.ethnicity",
            "race_source_concept_id": "special.ethnicity",
            "ethnicity_concept_id": "special.ethnicity",
            "ethnicity_source_value": "special.ethnicity",
            "ethnicity_source_concept_id": "special.ethnicity",
        },
        "person_id location_id provider_id care_site_id person_source_value",
    ),
    "observation_period": _table(
        {},
        "observation_period_id person_id observation_period_start_date observation_period_end_date "
        "period_type_concept_id",
    ),
    "visit_occurrence": _table(
        _health(
            "visit_concept_id visit_source_concept_id admitting_source_concept_id admitting_source_value "
            "discharge_to_concept_id discharge_to_source_value admitted_from_concept_id admitted_from_source_value "
            "discharged_to_concept_id discharged_to_source_value"
        ),
        "visit_occurrence_id person_id visit_start_date visit_start_datetime visit_end_date visit_end_datetime "
        "visit_type_concept_id provider_id care_site_id visit_source_value preceding_visit_occurrence_id",
    ),
    "visit_detail": _table(
        _health(
            "visit_detail_concept_id visit_detail_source_concept_id admitting_source_concept_id "
            "admitting_source_value discharge_to_concept_id discharge_to_source_value admitted_from_concept_id "
            "admitted_from_source_value discharged_to_concept_id discharged_to_source_value"
        ),
        "visit_detail_id person_id visit_detail_start_date visit_detail_start_datetime visit_detail_end_date "
        "visit_detail_end_datetime visit_detail_type_concept_id provider_id care_site_id visit_detail_source_value "
        "preceding_visit_detail_id visit_detail_parent_id parent_visit_detail_id visit_occurrence_id",
    ),
    "condition_occurrence": _table(
        _health(
            "condition_concept_id condition_source_value condition_source_concept_id condition_status_concept_id "
            "condition_status_source_value stop_reason"
        ),
        "condition_occurrence_id person_id condition_start_date condition_start_datetime condition_end_date "
        "condition_end_datetime condition_type_concept_id provider_id visit_occurrence_id visit_detail_id",
    ),
    "condition_era": _table(
        _health("condition_concept_id"),
        "condition_era_id person_id condition_era_start_date condition_era_end_date condition_occurrence_count",
    ),
    "drug_exposure": _table(
        _health(
            "drug_concept_id drug_source_value drug_source_concept_id sig route_concept_id route_source_value "
            "dose_unit_source_value stop_reason"
        ),  # fmt: skip
        "drug_exposure_id person_id drug_exposure_start_date drug_exposure_start_datetime drug_exposure_end_date "
        "drug_exposure_end_datetime verbatim_end_date drug_type_concept_id refills quantity days_supply lot_number "
        "provider_id visit_occurrence_id visit_detail_id",
    ),
    "drug_era": _table(
        _health("drug_concept_id"),
        "drug_era_id person_id drug_era_start_date drug_era_end_date drug_exposure_count gap_days",
    ),
    "dose_era": _table(
        _health("drug_concept_id dose_value"),
        "dose_era_id person_id unit_concept_id dose_era_start_date dose_era_end_date",
    ),
    "procedure_occurrence": _table(
        _health(
            "procedure_concept_id procedure_source_value procedure_source_concept_id modifier_concept_id "
            "modifier_source_value qualifier_source_value"
        ),
        "procedure_occurrence_id person_id procedure_date procedure_datetime procedure_end_date "
        "procedure_end_datetime procedure_type_concept_id quantity provider_id visit_occurrence_id visit_detail_id",
    ),
    "device_exposure": _table(
        _health("device_concept_id device_source_value device_source_concept_id unique_device_id"),
        "device_exposure_id person_id device_exposure_start_date device_exposure_start_datetime "
        "device_exposure_end_date device_exposure_end_datetime device_type_concept_id quantity provider_id "
        "visit_occurrence_id visit_detail_id production_id unit_concept_id unit_source_value unit_source_concept_id",
    ),
    "measurement": _table(
        _health(
            "measurement_concept_id measurement_source_value measurement_source_concept_id value_as_number "
            "value_as_concept_id value_source_value operator_concept_id"
        ),
        "measurement_id person_id measurement_date measurement_datetime measurement_time "
        "measurement_type_concept_id unit_concept_id unit_source_value unit_source_concept_id range_low "
        "range_high provider_id visit_occurrence_id visit_detail_id measurement_event_id meas_event_field_concept_id",
    ),
    "observation": _table(
        _health(
            "observation_concept_id observation_source_value observation_source_concept_id value_as_number "
            "value_as_string value_as_concept_id value_source_value qualifier_concept_id qualifier_source_value"
        ),
        "observation_id person_id observation_date observation_datetime observation_type_concept_id "
        "unit_concept_id unit_source_value provider_id visit_occurrence_id visit_detail_id observation_event_id "
        "obs_event_field_concept_id",
    ),
    "death": _table(
        _health("cause_concept_id cause_source_value cause_source_concept_id"),
        "person_id death_date death_datetime death_type_concept_id",
    ),
    "note": _table(
        _health("note_title note_text"),
        "note_id person_id note_date note_datetime note_type_concept_id note_class_concept_id encoding_concept_id "
        "language_concept_id provider_id visit_occurrence_id visit_detail_id note_source_value note_event_id "
        "note_event_field_concept_id",
    ),
    "note_nlp": _table(
        _health("snippet lexical_variant note_nlp_concept_id note_nlp_source_concept_id term_exists term_modifiers"),
        "note_nlp_id note_id section_concept_id offset nlp_system nlp_date nlp_datetime term_temporal",
    ),
    "specimen": _table(
        _health(
            "specimen_concept_id specimen_source_value anatomic_site_concept_id anatomic_site_source_value "
            "disease_status_concept_id disease_status_source_value"
        ),
        "specimen_id person_id specimen_type_concept_id specimen_date specimen_datetime quantity unit_concept_id "
        "unit_source_value specimen_source_id",
    ),
    "episode": _table(
        _health("episode_concept_id episode_object_concept_id episode_source_value episode_source_concept_id"),
        "episode_id person_id episode_start_date episode_start_datetime episode_end_date episode_end_datetime "
        "episode_parent_id episode_number episode_type_concept_id",
    ),
    "cost": _table(
        _health("drg_concept_id drg_source_value"),
        "cost_id cost_event_id cost_domain_id cost_type_concept_id currency_concept_id total_charge total_cost "
        "total_paid paid_by_payer paid_by_patient paid_patient_copay paid_patient_coinsurance "
        "paid_patient_deductible paid_by_primary paid_ingredient_cost paid_dispensing_fee payer_plan_period_id "
        "amount_allowed revenue_code_concept_id revenue_code_source_value reveue_code_source_value",
    ),
    "payer_plan_period": _table(
        {},
        "payer_plan_period_id person_id payer_plan_period_start_date payer_plan_period_end_date payer_concept_id "
        "payer_source_value payer_source_concept_id plan_concept_id plan_source_value plan_source_concept_id "
        "sponsor_concept_id sponsor_source_value sponsor_source_concept_id family_source_value "
        "stop_reason_concept_id stop_reason_source_value stop_reason_source_concept_id",
    ),
    "provider": _table(
        {
            **_PERSON_DEMOGRAPHICS,
            "provider_name": "person.name",
        },
        "provider_id npi dea specialty_concept_id care_site_id provider_source_value specialty_source_value "
        "specialty_source_concept_id",
    ),
    "location": _table(
        {
            "address_1": "contact.postal_address",
            "address_2": "contact.postal_address",
            "zip": "contact.postal_address",
            "latitude": "location.coordinates",
            "longitude": "location.coordinates",
        },
        "location_id city state county location_source_value country_concept_id country_source_value",
    ),
    "care_site": _table(
        {},
        "care_site_id care_site_name place_of_service_concept_id location_id care_site_source_value "
        "place_of_service_source_value",
    ),
    # The standardised vocabularies and the model's own bookkeeping: about no one.
    "concept": _table(
        {},
        "concept_id concept_name domain_id vocabulary_id concept_class_id standard_concept "
        "concept_code valid_start_date valid_end_date invalid_reason",
    ),  # fmt: skip
    "vocabulary": _table(
        {}, "vocabulary_id vocabulary_name vocabulary_reference vocabulary_version vocabulary_concept_id"
    ),  # fmt: skip
    "domain": _table({}, "domain_id domain_name domain_concept_id"),
    "concept_class": _table({}, "concept_class_id concept_class_name concept_class_concept_id"),
    "concept_relationship": _table(
        {}, "concept_id_1 concept_id_2 relationship_id valid_start_date valid_end_date invalid_reason"
    ),  # fmt: skip
    "relationship": _table(
        {},
        "relationship_id relationship_name is_hierarchical defines_ancestry "
        "reverse_relationship_id relationship_concept_id",
    ),  # fmt: skip
    "concept_synonym": _table({}, "concept_id concept_synonym_name language_concept_id"),
    "concept_ancestor": _table(
        {}, "ancestor_concept_id descendant_concept_id min_levels_of_separation max_levels_of_separation"
    ),  # fmt: skip
    "source_to_concept_map": _table(
        {},
        "source_code source_concept_id source_vocabulary_id source_code_description "
        "target_concept_id target_vocabulary_id valid_start_date valid_end_date "
        "invalid_reason",
    ),  # fmt: skip
    "drug_strength": _table(
        {},
        "drug_concept_id ingredient_concept_id amount_value amount_unit_concept_id "
        "numerator_value numerator_unit_concept_id denominator_value denominator_unit_concept_id "
        "box_size valid_start_date valid_end_date invalid_reason",
    ),  # fmt: skip
    "cdm_source": _table(
        {},
        "cdm_source_name cdm_source_abbreviation cdm_holder source_description "
        "source_documentation_reference cdm_etl_reference source_release_date cdm_release_date "
        "cdm_version cdm_version_concept_id vocabulary_version",
    ),  # fmt: skip
    "fact_relationship": _table(
        {}, "domain_concept_id_1 fact_id_1 domain_concept_id_2 fact_id_2 relationship_concept_id"
    ),  # fmt: skip
}


def recognise(columns: Sequence[str]) -> str | None:
    """The CDM table whose columns these are (see the module docstring), or None."""
    names = {c.lower() for c in columns}
    if len(names) < MIN_COLUMNS:
        return None
    best, best_overlap = None, 0
    for table, spec in TABLES.items():
        overlap = len(names & spec.keys())
        if overlap > best_overlap or (overlap == best_overlap and best is not None and len(spec) < len(TABLES[best])):
            best, best_overlap = table, overlap
    if best is None or best_overlap < MIN_COLUMNS or best_overlap < MIN_SHARE * len(names):
        return None
    return best


def structure(records: Sequence[Any], columns: Sequence[str]) -> Structure | None:
    """The CDM's verdict on each column of a table, or None when the table is not one of the CDM's.

    ``columns`` are the dataset's field paths; only flat records (a SQL row) can be a CDM
    table, so a path with a dot or brackets rules it out.
    """
    if not columns or any("." in c or "[" in c for c in columns):
        return None
    table = recognise(columns)
    if table is None:
        return None
    spec = TABLES[table]
    known: dict[str, tuple[str, ...]] = {}
    assigned: dict[str, _Field] = {}
    lowered = {c: c.lower() for c in columns if c.lower() in spec}
    for record in records:
        if not isinstance(record, Mapping):
            continue
        for column, name in lowered.items():
            value = leaf(record.get(column))
            if value is None:
                continue
            known.setdefault(column, ())
            assigned.setdefault(column, _Field()).add(spec[name], value)
    for column in lowered:
        got = assigned.get(column)
        known[column] = tuple(got.hits) if got is not None else ()
    return Structure(f"omop.{table}", known, assigned)

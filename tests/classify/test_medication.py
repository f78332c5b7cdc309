"""Medication names from the FDA UNII list (package data): positives with and without a
strength, negatives for ordinary words, people and products."""

from __future__ import annotations

import random

import pytest

from unguarded.classify import classify_dataset
from unguarded.classify.detectors.medication import MEDICATIONS, Medication

DRUGS = ["Metformin", "atorvastatin", "Lipitor", "Lisinopril 10 mg tablet", "amoxicillin 250mg/5ml",
         "Levothyroxine Sodium", "omeprazole 20 mg", "Sertraline", "Tylenol", "insulin glargine",
         "Metformin ER tablet", "salbutamol", "Hydrochlorothiazide 12.5 mg", "Warfarin Sodium",
         "Ozempic", "Adalimumab", "tenofovir disoproxil fumarate", "Prednisolone 5 mg",
         "Amlodipine/Benazepril 5/10", "emtricitabine + tenofovir"]  # fmt: skip


@pytest.mark.parametrize("value", DRUGS)
def test_medication_names_match(value):
    assert Medication().match(value) == "special.health"


@pytest.mark.parametrize(
    "value",
    ["today", "choice", "Amanda", "red/blue/green", "cats + dogs", "Camila", "English", "Blue Widget 500 mg", "water", "Sugar 5 g", "12 mg",
     "Acme Corporation", "tablet", "Coffee beans", "Paris"],
)  # fmt: skip
def test_other_text_does_not(value):
    assert Medication().match(value) is None


def test_the_list_is_large_and_public_domain_sourced():
    assert len(MEDICATIONS) > 20_000
    assert {"metformin", "atorvastatin", "lipitor", "adalimumab"} <= MEDICATIONS


def test_a_prescriptions_column_is_health_data_without_a_name_hint():
    rnd = random.Random(4)
    records = [{"item": rnd.choice(DRUGS), "qty": rnd.randint(1, 90)} for _ in range(60)]
    got = {f.path: f.categories for f in classify_dataset(records, dataset="dispensing").fields}
    assert got["item"] == ("special.health",)


def test_a_shop_inventory_is_not():
    rnd = random.Random(4)
    products = ["Blue Widget 500 g", "Garden Hose", "Coffee Beans 1 kg", "Desk Lamp", "Running Shoes", "Sugar 5 g",
                "Paper Towels", "Olive Oil 500 ml", "Phone Case", "Water 1.5 l"]  # fmt: skip
    records = [{"item": rnd.choice(products), "qty": rnd.randint(1, 90)} for _ in range(60)]
    assert classify_dataset(records, dataset="inventory").fields == ()

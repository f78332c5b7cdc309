"""Wilson lower bound and the support thresholds."""

from __future__ import annotations

import pytest

from unguarded.classify import stats
from unguarded.classify.detectors.base import Strength


@pytest.mark.parametrize(
    ("k", "n", "low", "high"),
    [(0, 10, 0.0, 0.0), (1, 1, 0.20, 0.21), (10, 10, 0.72, 0.73), (180, 200, 0.85, 0.86), (50, 100, 0.40, 0.41)],
)
def test_wilson_lower(k: int, n: int, low: float, high: float) -> None:
    assert low <= stats.wilson_lower(k, n) <= high


def test_wilson_empty() -> None:
    assert stats.wilson_lower(0, 0) == 0.0


@pytest.mark.parametrize(
    ("strength", "hinted", "k", "n", "ok"),
    [
        (Strength.STRONG, True, 1, 1, True),  # one valid card in a card field
        (Strength.STRONG, False, 3, 3, False),  # three unhinted matches are not enough
        (Strength.STRONG, False, 6, 6, True),
        (Strength.MEDIUM, True, 2, 2, True),
        (Strength.MEDIUM, False, 8, 8, False),
        (Strength.MEDIUM, False, 190, 200, True),
        (Strength.WEAK, True, 150, 200, True),
        (Strength.WEAK, False, 200, 200, False),  # weak evidence never stands alone
        (Strength.STRONG, True, 0, 10, False),
    ],
)
def test_supported(strength: Strength, hinted: bool, k: int, n: int, ok: bool) -> None:
    assert stats.supported(strength, hinted, k, n) is ok


def test_fixed_site() -> None:
    assert stats.fixed_site(3, 60)
    assert not stats.fixed_site(40, 60)
    assert not stats.fixed_site(2, 5)  # too few rows to tell

"""The offline checker's fitted thresholds, read from ``calibration.json`` beside this module.

The values are not set by hand: ``bench/fit_calibration.py`` chooses them on the fit split only
(the project's tuning cases and the fit half of the public SummEdits items) and writes the file;
``bench/factcheck.py`` reports on data they were not fitted on. The file is versioned with the
code, and records what it was fitted on.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

PATH = Path(__file__).with_name("calibration.json")


@dataclass(frozen=True)
class Calibration:
    """Coverage thresholds: ``weight`` counts claim words no source has (1 each) and words only
    far from the aligned passages (0.5 each); ``share`` is that weight over the claim's words.
    Above the ``unsupported_*`` pair a claim is unsupported; above the ``review_*`` pair it asks
    for review."""

    unsupported_weight: float = 2.5
    unsupported_share: float = 0.3
    review_weight: float = 1.0
    review_share: float = 0.15

    def unsupported(self, weight: float, share: float) -> bool:
        return weight >= self.unsupported_weight and share >= self.unsupported_share

    def review(self, weight: float, share: float) -> bool:
        return weight >= self.review_weight and share >= self.review_share


def load(path: Path = PATH) -> Calibration:
    """The fitted values; the defaults when the file is missing."""
    if not path.exists():
        return Calibration()
    data = json.loads(path.read_text())
    return Calibration(**data["thresholds"])


def save(calibration: Calibration, fitted_on: dict[str, object], path: Path = PATH) -> None:
    path.write_text(
        json.dumps({"thresholds": asdict(calibration), "fitted_on": fitted_on}, indent=2) + "\n"
    )


CALIBRATION = load()

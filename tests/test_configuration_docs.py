"""docs/configuration.md lists every ECOGRAM_* setting that anything in the project reads."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).parent.parent
SETTING = re.compile(r"\bECOGRAM_[A-Z][A-Z_]*[A-Z]\b")
# Everything that reads settings: the packages, the server's configuration, the container
# set-up, the CI scripts and the test fixtures.
SOURCES = [
    *ROOT.glob("ecogram/**/*.py"),
    *ROOT.glob("exports/**/*.py"),
    *ROOT.glob("webapp/**/*.py"),
    *ROOT.glob("tests/**/conftest.py"),
    *(path for path in ROOT.glob(".ci/*") if path.is_file()),
    ROOT / "gunicorn.conf.py",
    ROOT / "Containerfile",
    ROOT / "compose.yaml",
]


def test_every_setting_read_anywhere_is_documented() -> None:
    documented = set(SETTING.findall((ROOT / "docs" / "configuration.md").read_text("utf-8")))
    read = {name: path for path in SOURCES for name in SETTING.findall(path.read_text("utf-8"))}
    assert len(read) >= 15
    missing = {name: str(path.relative_to(ROOT)) for name, path in read.items()}
    assert {k: v for k, v in missing.items() if k not in documented} == {}


def test_operations_names_every_setting_instances_must_share() -> None:
    text = (ROOT / "docs" / "operations.md").read_text("utf-8")
    shared = text.split("## Settings every instance must share", 1)[1].split("\n## ", 1)[0]
    for name in (
        "ECOGRAM_SECRET_KEY",
        "ECOGRAM_DATABASE_URL",
        "ECOGRAM_ENV",
        "ECOGRAM_PROXY_FIX",
        "ECOGRAM_BACKUP_KEY",
        "ECOGRAM_RETENTION_DAYS",
        "ECOGRAM_RETENTION_UNTIL_AGE",
    ):
        assert name in shared, name

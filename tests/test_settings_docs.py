"""Every environment variable the settings read is documented in .env.example."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def read_variables() -> set[str]:
    source = (ROOT / "conflictmap" / "settings.py").read_text()
    return set(re.findall(r'env(?:str|bool|int|list)\(\s*"([A-Z0-9_]+)"', source))


def documented_variables() -> set[str]:
    text = (ROOT / ".env.example").read_text()
    return set(re.findall(r"^([A-Z0-9_]+)=", text, flags=re.MULTILINE))


def test_it_reads_variables():
    assert {"DATABASE_URL", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS"} <= read_variables()


def test_every_variable_read_is_documented():
    missing = read_variables() - documented_variables()
    assert not missing, f"undocumented in .env.example: {sorted(missing)}"


def test_settings_read_no_environment_directly():
    source = (ROOT / "conflictmap" / "settings.py").read_text()
    direct = re.findall(r'os\.environ(?:\.get)?\(\s*"([A-Z0-9_]+)"', source)
    assert not direct, f"read these through env*() so they are checked: {direct}"

"""Every environment variable the settings read is documented for the people who deploy.

The README's configuration table is the reference, and .env.example is the file deployers start
from (docs/deployment.md), so a setting added without both is a setting nobody can find.
"""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
# os.environ.get("NAME"...), os.environ["NAME"] and the settings helpers _env_bool("NAME"...).
READ = re.compile(r"""(?:environ\.get\(|environ\[|_env_[a-z]+\()\s*["']([A-Z][A-Z0-9_]+)["']""")


def _variables_read_by_settings() -> set[str]:
    return set(READ.findall((ROOT / "config" / "settings.py").read_text(encoding="utf-8")))


def test_the_pattern_finds_the_settings_variables():
    names = _variables_read_by_settings()
    # A few known ones, so a change in how settings reads variables cannot make the checks vacuous.
    assert {"DATABASE_URL", "DJANGO_SECRET_KEY", "DJANGO_DEBUG", "FAIRHEARING_EMAIL_BACKEND"} <= names


def test_every_variable_is_in_the_readme_configuration_table():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = sorted(name for name in _variables_read_by_settings() if f"`{name}`" not in readme)
    assert not missing, f"Add these to the README's Configuration table: {', '.join(missing)}"


def test_every_production_variable_is_in_the_example_environment_file():
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    listed = set(re.findall(r"^([A-Z][A-Z0-9_]+)=", example, flags=re.MULTILINE))
    missing = sorted(_variables_read_by_settings() - listed)
    assert not missing, f"Add these to .env.example: {', '.join(missing)}"

"""The one table of configuration (bot/settings.py) and its two copies for people stay in step."""

from pathlib import Path

from bot.settings import Settings, env_example, markdown_table

PROJECT_DIR = Path(__file__).resolve().parents[1]
REGENERATE = (
    "regenerate with `.venv/bin/python -m bot settings` (docs/configuration.md) and "
    "`.venv/bin/python -m bot settings --env-example > .env.example`"
)


def test_every_setting_says_what_it_means():
    for name, field in Settings.__fields__.items():
        assert field.field_info.description, f"{name.upper()} needs a description in bot/settings.py"


def test_env_example_lists_every_setting_at_its_default():
    text = (PROJECT_DIR / ".env.example").read_text()
    assert text == env_example(), f".env.example is out of step with bot/settings.py: {REGENERATE}"
    for name in Settings.__fields__:
        assert f"# {name.upper()}=" in text


def test_configuration_page_has_the_table_of_every_setting():
    page = (PROJECT_DIR / "docs" / "configuration.md").read_text()
    assert markdown_table() in page, (
        f"docs/configuration.md is out of step with bot/settings.py: {REGENERATE}"
    )
    for name in Settings.__fields__:
        assert f"| `{name.upper()}` |" in page


def test_path_defaults_do_not_depend_on_the_working_directory():
    for name, field in Settings.__fields__.items():
        if isinstance(field.default, Path):
            assert field.default.is_absolute(), f"{name.upper()}'s default should be absolute"

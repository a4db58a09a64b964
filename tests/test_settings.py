import pytest

from presslens.errors import ConfigError
from presslens.settings import SETTINGS_HELP, Settings

from .conftest import TEST_DATA

README = (TEST_DATA.parents[1] / "README.md").read_text(encoding="utf-8")


def test_settings_from_env_and_overrides():
    env = {"PRESSLENS_DB": "x.db", "PRESSLENS_BATCH_SIZE": "7", "PRESSLENS_LANGUAGE": ""}
    settings = Settings.from_env(env, db_url="y.db")
    assert (settings.db_url, settings.batch_size, settings.default_language) == ("y.db", 7, "en")
    assert Settings.from_env(env).sqlalchemy_url.endswith("/x.db")


def test_settings_bad_number_is_a_config_error():
    with pytest.raises(ConfigError, match=r"\[E001\] PRESSLENS_BATCH_SIZE='lots' is not a whole number"):
        Settings.from_env({"PRESSLENS_BATCH_SIZE": "lots"})


@pytest.mark.parametrize("name", sorted(SETTINGS_HELP))
def test_settings_are_documented_in_the_readme(name: str):
    assert f"`{SETTINGS_HELP[name][0]}`" in README

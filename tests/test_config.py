"""Config files and profiles: loaded explicitly, validated, used by the commands."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import load_config, resolve_pywikibot_dir
from bot.errors import ConfigError
from bot.profiles import builtin_profile_names, load_profile
from conftest import SAMPLES


def test_config_file_values(tmp_path):
    """Keys are read into the typed Config; relative paths are resolved against the file."""
    path = tmp_path / "wikiwarden.toml"
    path.write_text('profile = "wikipedia"\nselect = ["REF"]\njobs = 2\npage_timeout = 0\n'
                    'state_file = "state.sqlite"\nstop_page = "User:Bot/Stop"\n')
    config = load_config(path)
    assert (config.profile, config.select, config.jobs, config.page_timeout) == (
        "wikipedia", ("REF",), 2, 0.0)
    assert config.state_file == tmp_path / "state.sqlite" and config.stop_page == "User:Bot/Stop"


@pytest.mark.parametrize("body, message", [
    ("colour = 1\n", "unknown key(s): colour"),
    ("jobs = 0\n", "jobs must be a positive integer"),
    ("batch_size = 9999\n", "batch_size must be"),
    ("page_timeout = -1\n", "page_timeout must be"),
    ("select = [1]\n", "select must be a list"),
    ("profile = \n", "not valid TOML"),
])
def test_bad_config_is_one_clear_error(tmp_path, body, message):
    """Invalid config: a ConfigError naming the file and the problem."""
    path = tmp_path / "bad.toml"
    path.write_text(body)
    with pytest.raises(ConfigError) as error:
        load_config(path)
    assert message in str(error.value) and str(path) in str(error.value)


def test_no_config_is_defaults(tmp_path, monkeypatch):
    """Without a file or $WIKIWARDEN_CONFIG, defaults apply; nothing is read at import."""
    monkeypatch.chdir(tmp_path)
    config = load_config(None, environ={})
    assert config.profile is None and config.jobs == 1 and config.page_timeout == 5.0


def test_user_profile_from_config(cli, tmp_path):
    """A [profiles.NAME] table in the config is a profile --profile can select."""
    path = tmp_path / "wikiwarden.toml"
    path.write_text('[profiles.tiny]\nreference_list_templates = ["Fußnoten"]\n'
                    'appendix = [{ title = "Quellen", holds_references = true }]\n')
    page = tmp_path / "Seite.wiki"
    # not alone under the heading nor named as it, so only a profile that names it knows
    # it is the list
    page.write_text("Text.<ref>x</ref>\n== Quellen ==\nBelege:\n{{Fußnoten}}\n")
    result = cli("--config", str(path), "audit", str(page), "--profile", "tiny")
    assert result.exit_code == 0, result.stdout
    assert "REF001" in cli("audit", str(page), "--profile", "mepedia").stdout


def test_builtin_profiles_load():
    """The built-in profiles are valid data with the expected appendix orders."""
    assert builtin_profile_names() == ["mepedia", "wikipedia", "wiktionary"]
    mepedia, wikipedia = load_profile("mepedia"), load_profile("wikipedia")
    assert [e.title for e in mepedia.appendix] == [
        "Notable studies", "Learn more", "See also", "References"]
    assert [e.title for e in wikipedia.appendix] == [
        "See also", "Notes", "References", "Further reading", "External links"]
    assert load_profile(str(Path(__file__).parent.parent / "bot/profiles/mepedia.toml")).appendix


def test_pywikibot_dir_resolution(tmp_path, monkeypatch):
    """PYWIKIBOT_DIR comes from the option, the environment or the current folder, in order."""
    from bot.config import Config

    good = tmp_path / "pwb"
    good.mkdir()
    (good / "user-config.py").write_text("")
    assert resolve_pywikibot_dir(Config(pywikibot_dir=good), environ={}) == good.resolve()
    assert resolve_pywikibot_dir(Config(), environ={"PYWIKIBOT_DIR": str(good)}) == good.resolve()
    monkeypatch.chdir(SAMPLES)
    with pytest.raises(ConfigError, match="--pywikibot-dir"):
        resolve_pywikibot_dir(Config(), environ={})
    with pytest.raises(ConfigError, match=r"no user-config\.py"):
        resolve_pywikibot_dir(Config(), environ={"PYWIKIBOT_DIR": str(tmp_path)})

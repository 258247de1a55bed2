"""docs/cron.md: its config, crontab lines, systemd units and commands are all valid."""

from __future__ import annotations

import configparser
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from bot.cli.main import cli
from bot.config import _from_dict
from bot.jobs import load_jobs
from conftest import REPO

DOC = REPO / "docs" / "cron.md"
_CRON_FIELDS = [(0, 59), (0, 23), (1, 31), (1, 12), (0, 7)]


def _blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", DOC.read_text("utf-8"), re.S)


def _wikiwarden_args(command: str) -> list[str]:
    """The arguments after `wikiwarden` in a shell command line (the last `&&` part)."""
    words = shlex.split(command.split("&&")[-1])
    index = next(i for i, w in enumerate(words) if w.endswith("wikiwarden"))
    return words[index + 1:]


def _parses(args: list[str]) -> None:
    """click parses the command line (unknown options or a bad value raise)."""
    name, rest = args[0], args[1:]
    command = cli.get_command(None, name)
    command.make_context(name, list(rest), parent=None)


def test_config_example_is_a_valid_job():
    """The wikiwarden.toml example loads, and its job is checked without error."""
    import tomllib

    text = _blocks("toml")[0]
    config = _from_dict(tomllib.loads(text), Path("/srv/wikiwarden/wikiwarden.toml"))
    jobs = load_jobs(config)
    assert set(jobs) == {"refs"} and jobs["refs"].fix and jobs["refs"].max_runtime == 1200


def test_crontab_lines_are_valid():
    """Every crontab entry has five valid time fields and a `wikiwarden` command that
    parses."""
    entries = 0
    for line in _blocks("crontab")[0].splitlines():
        line = line.strip()
        if not line or line.startswith("#") or re.match(r"^[A-Z_]+=", line):
            continue
        fields = line.split(None, 5)
        for value, (low, high) in zip(fields[:5], _CRON_FIELDS, strict=True):
            for part in value.split(","):
                base, _, step = part.partition("/")
                assert not step or step.isdigit(), line
                if base != "*":
                    for number in base.split("-"):
                        assert number.isdigit() and low <= int(number) <= high, line
        _parses(_wikiwarden_args(fields[5]))
        entries += 1
    assert entries == 2


def test_shell_commands_parse():
    """The `wikiwarden ...` commands shown in the page parse."""
    commands = [line.split("#")[0] for block in _blocks("sh") for line in block.splitlines()
                if line.startswith("wikiwarden ")]
    assert len(commands) >= 3
    for command in commands:
        _parses(_wikiwarden_args(command))


def _units(tmp_path: Path) -> list[Path]:
    paths = []
    fake = tmp_path / "wikiwarden"
    fake.write_text("#!/bin/sh\nexit 0\n")
    fake.chmod(0o755)
    for block in _blocks("ini"):
        first, _, body = block.partition("\n")
        name = first.removeprefix("# ").strip()
        assert name.startswith("/etc/systemd/system/"), first
        # the unit as documented, with the program path pointed at an executable here
        body = re.sub(r"^ExecStart=\S+", f"ExecStart={fake}", body, flags=re.M)
        body = re.sub(r"^User=.*$", "", body, flags=re.M)  # no such user on this machine
        body = body.replace("WorkingDirectory=/srv/wikiwarden", f"WorkingDirectory={tmp_path}")
        path = tmp_path / Path(name).name
        path.write_text(body)
        paths.append(path)
    return paths


def test_systemd_units_are_valid(tmp_path):
    """The service and timer pass `systemd-analyze verify` (else a parse check)."""
    units = _units(tmp_path)
    assert sorted(p.suffix for p in units) == [".service", ".timer"]
    for path in units:
        parser = configparser.ConfigParser(strict=False, interpolation=None)
        parser.read_string(path.read_text())
        assert "Unit" in parser
    service = next(p for p in units if p.suffix == ".service")
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.read_string(service.read_text())
    assert parser["Service"]["Type"] == "oneshot"
    assert {1, 4, 7} <= {int(c) for c in parser["Service"]["SuccessExitStatus"].split()}
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is absent: units only parse-checked")
    done = subprocess.run([analyze, "verify", "--man=no", *map(str, units)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "Failed to parse" not in done.stderr, done.stderr

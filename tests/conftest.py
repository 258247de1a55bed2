"""Shared fixtures: the real test wiki, the corpus location, CLI and dump helpers."""

from __future__ import annotations

import bz2
import gzip
import os
import shlex
import subprocess
import sys
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent))

from wikiapi import WikiApi

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples"
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"


# -- the real MediaWiki ------------------------------------------------------------------
@pytest.fixture(scope="session")
def testwiki(tmp_path_factory) -> dict:
    """A fresh MediaWiki for this test worker (scripts/testwiki), torn down afterwards.

    Yields the environment `scripts/testwiki up` prints (MW_API, PYWIKIBOT_DIR, ...).
    """
    if os.environ.get("WIKIWARDEN_SKIP_WIKI") == "1":
        pytest.skip("WIKIWARDEN_SKIP_WIKI=1: real-wiki tests disabled")
    base = tmp_path_factory.mktemp("testwiki")
    env = dict(os.environ, MW_BASE=str(base))
    up = subprocess.run(
        [str(REPO / "scripts" / "testwiki"), "up"], env=env, capture_output=True, text=True
    )
    if up.returncode != 0:
        pytest.fail(f"scripts/testwiki up failed:\n{up.stderr}")
    values = {}
    for line in up.stdout.splitlines():
        for assignment in shlex.split(line.removeprefix("export ")):
            key, _, value = assignment.partition("=")
            values[key] = value
    os.environ["PYWIKIBOT_DIR"] = values["PYWIKIBOT_DIR"]  # pywikibot reads it at import
    yield values
    subprocess.run([str(REPO / "scripts" / "testwiki"), "down", str(base)], check=False)


@pytest.fixture(scope="session")
def wiki_api(testwiki) -> WikiApi:
    """An API client logged in as the bot, for setting pages up and asking the oracle."""
    return WikiApi(testwiki["MW_API"], testwiki["MW_BOT_LOGIN"], testwiki["MW_BOT_SECRET"])


@pytest.fixture(scope="session")
def wiki(testwiki):
    """wikiwarden's own connection to the test wiki (pywikibot, in this process)."""
    from bot.wiki import Wiki

    return Wiki(Path(testwiki["PYWIKIBOT_DIR"]))


@pytest.fixture(scope="session")
def cs1wiki(tmp_path_factory) -> WikiApi:
    """A second fresh MediaWiki with Scribunto and Wikipedia's CS1 module and cite templates
    (scripts/testwiki up + cs1), for the CS1 oracle; kept apart from `testwiki` so other
    tests never see those templates.  Yields an anonymous API client."""
    if os.environ.get("WIKIWARDEN_SKIP_WIKI") == "1":
        pytest.skip("WIKIWARDEN_SKIP_WIKI=1: real-wiki tests disabled")
    package = SHARED / "oracles" / "cs1"
    if not (package / "page-exchange.json").is_file():
        pytest.skip(f"{package} is absent on this machine")
    base = tmp_path_factory.mktemp("cs1wiki")
    env = dict(os.environ, MW_BASE=str(base))
    script = str(REPO / "scripts" / "testwiki")
    try:
        up = subprocess.run([script, "up"], env=env, capture_output=True, text=True)
        if up.returncode != 0:
            pytest.fail(f"scripts/testwiki up failed:\n{up.stderr}")
        added = subprocess.run([script, "cs1", str(base), str(package)], env=env,
                               capture_output=True, text=True)
        if added.returncode != 0:
            pytest.fail(f"scripts/testwiki cs1 failed (scripts/test installs lua5.1 and "
                        f"php-luasandbox):\n{added.stderr}")
        api = next(line.split("=", 1)[1].strip("'") for line in up.stdout.splitlines()
                   if line.startswith("export MW_API="))
        yield WikiApi(api)
    finally:
        subprocess.run([script, "down", str(base)], check=False)


# -- the shared corpus -------------------------------------------------------------------
@pytest.fixture(scope="session")
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"{CORPUS} is absent on this machine")
    return CORPUS


def sample_texts(corpus_pages: int, seed: int = 15) -> list[str]:
    """The bundled samples' texts, then those of a fixed seeded sample of ``corpus_pages``
    corpus pages (``scripts/golden``'s sample; none where the corpus is absent)."""
    texts = [p.read_text("utf-8") for p in SAMPLES.glob("*.wiki")]
    if CORPUS.is_dir():
        if str(REPO / "scripts") not in sys.path:
            sys.path.insert(0, str(REPO / "scripts"))
        import golden

        texts += [(CORPUS / path).read_text("utf-8")
                  for path, _ in golden.sample(golden.corpus_pages(), corpus_pages, seed)]
    return texts


# -- helpers ------------------------------------------------------------------------------
def processes_with(marker: str) -> list[int]:
    """Pids of the processes whose command line contains ``marker`` (orphan checks)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if marker.encode() in (entry / "cmdline").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


@pytest.fixture
def cli():
    """Run `wikiwarden ARGS` in-process; returns click's Result (exit_code, stdout, stderr)."""
    from bot.cli import cli as command

    def run(*args: str, **kwargs):
        return CliRunner().invoke(command, list(args), catch_exceptions=False, **kwargs)

    return run


def run_wikiwarden(*args: str, env: dict | None = None, cwd: Path | None = None):
    """Run the installed command in a subprocess (for tests needing a fresh pywikibot)."""
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        cwd=cwd or REPO,
        timeout=120,
    )


def make_dump(
    pages: list[tuple[str, str]] | list[tuple[str, list[str]]],
    *,
    version: str = "0.11",
    encoding: str = "utf-8",
    compress: str | None = None,
) -> bytes:
    """An XML dump of ``pages`` ((title, text) or (title, [texts of each revision]))."""
    ns = f"http://www.mediawiki.org/xml/export-{version}/"
    parts = [
        f'<?xml version="1.0" encoding="{encoding}"?>\n' if encoding != "utf-8" else "",
        f'<mediawiki xmlns="{ns}" version="{version}" xml:lang="en">\n',
        "  <siteinfo><sitename>Test</sitename><namespaces>"
        '<namespace key="0" case="first-letter" /></namespaces></siteinfo>\n',
    ]
    revid = 100
    for pageid, (title, texts) in enumerate(pages, start=1):
        texts = [texts] if isinstance(texts, str) else texts
        parts.append(f"  <page>\n    <title>{escape(title)}</title>\n")
        if version not in ("0.3",):
            parts.append("    <ns>0</ns>\n")
        parts.append(f"    <id>{pageid}</id>\n")
        for text in texts:
            revid += 1
            parts.append(
                f"    <revision><id>{revid}</id><timestamp>2024-01-01T00:00:00Z</timestamp>"
                f"<contributor><username>Ed</username><id>7</id></contributor>"
                f'<text xml:space="preserve">{escape(text)}</text></revision>\n'
            )
        parts.append("  </page>\n")
    parts.append("</mediawiki>\n")
    data = "".join(parts).encode(encoding)
    if encoding == "utf-16":
        pass  # Python's utf-16 codec writes a BOM
    if compress == "bz2":
        return bz2.compress(data)
    if compress == "gz":
        return gzip.compress(data)
    return data

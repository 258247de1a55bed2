"""The HTML report of a job run, rendered by headless Chromium: DOM, links, sorting,
filtering, and a screenshot kept as a test artifact (build/test-artifacts/, or
$WIKIWARDEN_ARTIFACTS)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote

import pytest

from bot.exits import Exit
from conftest import REPO, run_wikiwarden
from wikiapi import WikiApi

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="headless Chromium is absent (apt-get install chromium "
    "chromium-driver; scripts/test installs them)")

BROKEN = "Vitamin B12 helps<ref>Smith 2015</ref>.\n\n== See also ==\n* [[Folate]]\n"


def _artifacts() -> Path:
    folder = Path(os.environ.get("WIKIWARDEN_ARTIFACTS", REPO / "build" / "test-artifacts"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _chromium(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                           "--disable-dev-shm-usage", *args],
                          capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def report(testwiki, wiki_api, tmp_path_factory) -> Path:
    """A fixing job run twice over 4 pages; between the runs a person fixes one page and
    breaks another: the second run's HTML report has new, fixed (both ways) and open rows."""
    folder = tmp_path_factory.mktemp("html-report")
    for i in range(4):
        wiki_api.edit(f"Html report {i}", ("{{nobots}}\n" if i == 3 else "")
                      + BROKEN + "[[Category:Html report pages]]\n")
    config = folder / "wikiwarden.toml"
    config.write_text(
        f'pywikibot_dir = "{testwiki["PYWIKIBOT_DIR"]}"\nstate_file = "state.sqlite"\n'
        'page_timeout = 0\n[jobs.html]\nsources = ["-cat:Html report pages"]\nfix = true\n'
        'select = ["REF", "SEC"]\nignore = ["REF001", "SEC015"]\n'
        'report = ["out/report.html"]\n', "utf-8")
    first = run_wikiwarden("--config", str(config), "run", "html")
    assert first.returncode == Exit.FINDINGS, first.stderr
    human = WikiApi(testwiki["MW_API"])
    human.edit("Html report 3", "{{nobots}}\nVitamin B12 helps.<ref>Smith 2015</ref>\n\n"
               "== See also ==\n* [[Folate]]\n[[Category:Html report pages]]\n")
    human.edit("Html report 4", "Text <ref>a</ref>.\n\n== Empty ==\n\n== Next ==\nMore.\n"
               "[[Category:Html report pages]]\n")
    wiki_api.edit("Html report 5", "{{nobots}}\nNew page <ref>http://example.org/b</ref>.\n"
                  "[[Category:Html report pages]]\n")
    second = run_wikiwarden("--config", str(config), "run", "html")
    assert second.returncode == Exit.FINDINGS, second.stdout + second.stderr
    return folder / "out" / "report.html"


def test_report_dom_and_screenshot(report, testwiki):
    """Chromium renders the report: counts and run date on top, per-code trend table, links
    to each page, its edit view, revision and diff on the wiki, the fixable column, text
    from the wiki escaped; the screenshot is saved as an artifact."""
    dom = _chromium("--dump-dom", report.as_uri())
    assert dom.returncode == 0, dom.stderr
    from html.parser import HTMLParser

    class Collect(HTMLParser):
        def __init__(self):
            super().__init__()
            self.ids, self.links, self.tags = set(), [], []

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            self.tags.append(tag)
            if "id" in attrs:
                self.ids.add(attrs["id"])
            if tag == "a":
                self.links.append((attrs.get("class", ""), attrs.get("href", "")))

    parsed = Collect()
    parsed.feed(dom.stdout)
    assert {"run-date", "counts", "by-code", "new", "fixed", "open", "saves"} <= parsed.ids
    assert "ref" not in parsed.tags  # "<ref>" in messages stays text
    server = testwiki["MW_SERVER"]
    pages = {unquote(h) for c, h in parsed.links if c == "page-link"}
    assert f"{server}/index.php?title=Html_report_4" in pages or any(
        p.endswith("Html_report_4") for p in pages)
    edits = [h for c, h in parsed.links if c == "edit-link"]
    assert edits and all(h.startswith(server) and h.endswith("&action=edit") for h in edits)
    diffs = [h for c, h in parsed.links if c == "diff-link"]
    assert diffs and all("?diff=" in h for h in diffs)
    assert any("?oldid=" in h for c, h in parsed.links if c == "revision-link")
    assert "someone else" in dom.stdout and "the bot" in dom.stdout
    assert 'class="fixable">yes<' in dom.stdout and 'class="fixable">no<' in dom.stdout
    shot = _artifacts() / "job-run-report.png"
    done = _chromium(f"--screenshot={shot}", "--window-size=1280,1600", report.as_uri())
    assert done.returncode == 0 and shot.stat().st_size > 10_000, done.stderr


@pytest.mark.skipif(CHROMEDRIVER is None, reason="chromedriver is absent (apt chromium-driver)")
def test_report_tables_sort_and_filter(report):
    """Clicking a column header sorts the table; typing in the filter hides other rows."""
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium not installed")
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    options = webdriver.ChromeOptions()
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(arg)
    options.binary_location = CHROMIUM
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        driver.get(report.as_uri())
        table = driver.find_element(By.ID, "open")

        def column(index):
            return [row.find_elements(By.TAG_NAME, "td")[index].text
                    for row in table.find_elements(By.CSS_SELECTOR, "tbody tr")
                    if row.is_displayed()]

        codes = column(3)
        assert len(codes) >= 3 and len(set(codes)) >= 2
        table.find_elements(By.TAG_NAME, "th")[3].click()
        assert column(3) == sorted(codes)
        table.find_elements(By.TAG_NAME, "th")[3].click()
        assert column(3) == sorted(codes, reverse=True)
        search = driver.find_element(By.CSS_SELECTOR, "input[data-table='open']")
        wanted = codes[0].split()[0]
        search.send_keys(wanted)
        shown = column(3)
        assert shown and all(code.startswith(wanted) for code in shown)
        assert len(shown) < len(codes)
        driver.save_screenshot(str(_artifacts() / "job-run-report-filtered.png"))
    finally:
        driver.quit()

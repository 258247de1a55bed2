"""`wikiwarden audit` and `wikiwarden rules` from the outside: output, exit codes, errors."""

from __future__ import annotations

import json
import shutil

import pytest

from bot.report import JSON_SCHEMA_ID
from conftest import SAMPLES, make_dump, run_wikiwarden


def test_demo_finds_the_vitamin_b12_empty_sections(cli):
    """The main job: auditing samples/ reports Learn more and See also as empty."""
    result = cli("audit", str(SAMPLES), "--profile", "mepedia")
    assert result.exit_code == 1
    lines = [line for line in result.stdout.splitlines() if "Vitamin_B12" in line]
    assert any('SEC001' in line and '"Learn more"' in line for line in lines)
    assert any('SEC001' in line and '"See also"' in line for line in lines)
    assert any("REF001" in line for line in lines)
    assert "pages/s" in result.stderr


def test_clean_page_exits_zero(cli):
    """A page with nothing to report exits 0 and prints no findings."""
    result = cli("audit", str(SAMPLES / "Coenzyme_Q10.wiki"))
    assert result.exit_code == 0 and result.stdout == ""


def test_json_report_schema(cli, tmp_path):
    """--format json writes the documented, stable schema."""
    out = tmp_path / "report.json"
    result = cli("audit", str(SAMPLES), "--format", "json", "--output", str(out))
    assert result.exit_code == 1 and result.stdout == ""
    report = json.loads(out.read_text("utf-8"))
    assert report["schema"] == JSON_SCHEMA_ID and report["profile"] == "mepedia"
    assert set(report) >= {
        "schema", "version", "profile", "rules", "findings", "problems", "summary"}
    finding = report["findings"][0]
    assert set(finding) == {"code", "name", "severity", "title", "revid", "source", "line",
                            "column", "section", "message", "fixable", "location"}
    assert report["summary"]["pages"] == 3
    assert report["summary"]["findings"] == len(report["findings"])


def test_select_and_ignore(cli):
    """--select and --ignore restrict the checks that run."""
    only_refs = cli("audit", str(SAMPLES), "--select", "REF")
    assert "REF001" in only_refs.stdout and "SEC001" not in only_refs.stdout
    no_sec = cli("audit", str(SAMPLES), "--ignore", "SEC001")
    assert "SEC001" not in no_sec.stdout
    bad = cli("audit", str(SAMPLES), "--select", "XYZ123")
    assert bad.exit_code == 2 and "unknown rule" in bad.stderr


@pytest.mark.parametrize("make_input, expected", [
    (lambda d: d / "missing.wiki", "no such file or folder"),
    (lambda d: (d / "latin1.wiki").write_bytes(b"caf\xe9") and d / "latin1.wiki", "not UTF-8"),
    (lambda d: (d / "cut.xml").write_bytes(make_dump([("A", "a")])[:-40]) and d / "cut.xml",
     "not a valid XML dump"),
])
def test_bad_input_is_one_line_and_exit_2(tmp_path, make_input, expected):
    """Missing, undecodable, truncated inputs: one line naming the input, exit 2, no traceback."""
    path = make_input(tmp_path)
    result = run_wikiwarden("audit", str(path))
    assert result.returncode == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("wikiwarden: error")]
    assert len(errors) == 1 and str(path) in errors[0] and expected in errors[0]
    assert "Traceback" not in result.stderr


def test_bad_input_does_not_stop_other_inputs(cli, tmp_path):
    """A missing file is reported; the pages of the other inputs are still audited."""
    result = cli("audit", str(tmp_path / "nope.wiki"), str(SAMPLES / "Vitamin_B12.wiki"))
    assert result.exit_code == 2
    assert "Learn more" in result.stdout


def test_output_file_is_not_half_written(cli, tmp_path):
    """--output replaces the file only after a complete run; a failing run leaves it intact."""
    out = tmp_path / "report.txt"
    out.write_text("previous report\n")
    result = cli("audit", str(SAMPLES), "--select", "NOPE999", "--output", str(out))
    assert result.exit_code == 2
    assert out.read_text() == "previous report\n"
    assert list(tmp_path.iterdir()) == [out]


def test_dump_source_reports_titles(cli, tmp_path):
    """Findings in a dump point at dump[[Title]] with the revision id."""
    dump = tmp_path / "pages.xml.bz2"
    dump.write_bytes(make_dump([("Vitamin B12", (SAMPLES / "Vitamin_B12.wiki").read_text())],
                               compress="bz2"))
    result = cli("audit", str(dump), "--format", "json")
    report = json.loads(result.stdout)
    assert {f["location"] for f in report["findings"]} == {f"{dump}[[Vitamin B12]]"}
    assert all(f["revid"] == 101 for f in report["findings"])


def test_usage_errors_exit_2(cli):
    """No sources, or an unknown profile, is a usage error with exit 2."""
    assert cli("audit").exit_code == 2
    result = cli("audit", str(SAMPLES), "--profile", "nosuch")
    assert result.exit_code == 2 and "unknown profile" in result.stderr


def test_wiki_selector_without_config_is_a_clear_error(tmp_path):
    """A page selector with no pywikibot config says how to configure one."""
    result = run_wikiwarden("audit", "-page:Foo", env={"PYWIKIBOT_DIR": ""}, cwd=tmp_path)
    assert result.returncode == 2 and "--pywikibot-dir" in result.stderr
    assert "Traceback" not in result.stderr


def test_python_dash_m_and_console_script_agree():
    """`python -m bot` is the same program as `wikiwarden`."""
    exe = shutil.which("wikiwarden")
    result = run_wikiwarden("--version")
    assert result.returncode == 0 and "wikiwarden" in result.stdout
    if exe:
        assert "Usage: wikiwarden" in run_wikiwarden("--help").stdout


def test_rules_command(cli):
    """`rules` lists every code; `rules CODE` prints its documentation."""
    listing = cli("rules")
    assert "REF001" in listing.stdout and "SEC001" in listing.stdout
    doc = cli("rules", "empty-section")
    assert "Why is this bad?" in doc.stdout and "SEC001" in doc.stdout
    assert cli("rules", "ZZZ999").exit_code == 2


def test_every_command_documents_an_example(cli):
    """Each command's --help has an Example section."""
    for command in ([], ["audit"], ["fix"], ["rules"], ["pull"], ["status"], ["diff"],
                    ["push"]):
        assert "Example:" in cli(*command, "--help").stdout, command


def test_rules_reference_is_up_to_date(cli):
    """docs/rules.md is exactly what `wikiwarden rules --markdown` generates: every code is
    documented, and the docs cannot drift from the code."""
    from conftest import REPO

    generated = cli("rules", "--markdown").stdout
    assert (REPO / "docs" / "rules.md").read_text("utf-8") == generated, (
        "run: wikiwarden rules --markdown > docs/rules.md")
    for code in ("REF001", "SEC001", "CIT001", "MEP001"):
        assert f"## {code}" in generated


def test_html_report_is_escaped_and_complete(cli, tmp_path):
    """--format html: one table per page with findings, a summary, and wiki text escaped."""
    from html.parser import HTMLParser

    hostile = tmp_path / "<script>alert(1)<'script>.wiki"
    hostile.write_text("Text.\n== <b>Bold</b> & <script>x</script> ==\n")
    out = tmp_path / "report.html"
    result = cli("audit", str(SAMPLES), str(hostile), "--format", "html", "-o", str(out))
    assert result.exit_code == 1
    page = out.read_text("utf-8")
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert page.count("<table>") == 3  # Vitamin B12, Post-exertional malaise, the hostile one
    assert "Learn more" in page and "<h2>Summary</h2>" in page

    class Tags(HTMLParser):
        def __init__(self):
            super().__init__()
            self.open = []

        def handle_starttag(self, tag, attrs):
            if tag not in ("meta", "br"):
                self.open.append(tag)

        def handle_endtag(self, tag):
            assert self.open and self.open.pop() == tag, tag

    parser = Tags()
    parser.feed(page)
    assert parser.open == []  # well nested

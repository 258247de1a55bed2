"""`wikiwarden fix` on local files: dry run, apply, idempotent second run, state file."""

from __future__ import annotations

import shutil
import sqlite3

from conftest import SAMPLES


def _copy_samples(tmp_path):
    folder = tmp_path / "pages"
    shutil.copytree(SAMPLES, folder)
    return folder


def _snapshot(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_dry_run_writes_nothing(cli, tmp_path):
    """Without --apply: diffs on stdout, every file byte-identical, no state file."""
    folder = _copy_samples(tmp_path)
    before = _snapshot(folder)
    state = tmp_path / "state.sqlite"
    result = cli("fix", str(folder), "--state", str(state))
    assert result.exit_code == 0
    assert "+== References ==" in result.stdout and "+<references />" in result.stdout
    assert "Nothing was written" in result.stderr
    assert _snapshot(folder) == before
    assert not state.exists()


def test_apply_then_again_changes_nothing(cli, tmp_path):
    """--apply rewrites only the changed file, records it; a second --apply is a no-op."""
    folder = _copy_samples(tmp_path)
    before = _snapshot(folder)
    state = tmp_path / "state.sqlite"
    first = cli("fix", str(folder), "--apply", "--state", str(state), "--summary", "test run")
    assert first.exit_code == 0, first.stderr
    after = _snapshot(folder)
    changed = {name for name in before if before[name] != after[name]}
    assert changed == {"Vitamin_B12.wiki"}
    assert b"== References ==\n<references />" in after["Vitamin_B12.wiki"]
    assert sorted(p.name for p in folder.iterdir()) == sorted(before)  # no temp files left
    second = cli("fix", str(folder), "--apply", "--state", str(state))
    assert second.exit_code == 0 and _snapshot(folder) == after
    assert "0 changed" in second.stderr
    rows = sqlite3.connect(state).execute("SELECT target, codes, summary FROM saves").fetchall()
    assert len(rows) == 1 and rows[0][0].endswith("Vitamin_B12.wiki")
    assert '"REF001": 1' in rows[0][1] and rows[0][2].endswith("test run")
    migrations = sqlite3.connect(state).execute("SELECT name FROM migrations").fetchall()
    from bot.store.migrations import MIGRATIONS

    assert migrations == [(name,) for name, _ in MIGRATIONS]  # all applied, in order


def test_audit_is_clean_of_fixed_codes_after_apply(cli, tmp_path):
    """After --apply the audit no longer reports the fixed findings."""
    folder = _copy_samples(tmp_path)
    assert "REF001" in cli("audit", str(folder)).stdout
    cli("fix", str(folder), "--apply", "--state", str(tmp_path / "s.sqlite"))
    assert "REF001" not in cli("audit", str(folder)).stdout


def test_limit_and_selection(cli, tmp_path):
    """--limit stops after N changed pages; --select restricts which fixes run."""
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(3):
        (folder / f"P{i}.wiki").write_text(f"Text {i}<ref>x{i}</ref>.\n<references />\n")
    result = cli("fix", str(folder), "--limit", "2")
    assert result.stdout.count("+++ b/") == 2 and "--limit" in result.stderr
    none = cli("fix", str(folder), "--select", "SEC009")
    assert none.stdout == ""


def test_unfixable_selection_is_a_usage_error(cli, tmp_path):
    """Selecting only checks without fixes is refused with a clear message."""
    result = cli("fix", str(SAMPLES), "--select", "REF004")
    assert result.exit_code == 2 and "has an automatic fix" in result.stderr

"""`formex extract` for schedulers: exit codes, --fail-on, --json on stdout with text on
stderr, --quiet, --verbose, log lines without a terminal, no wrapped lines."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from typer.testing import CliRunner

from formex import read
from formex.cli import app
from tests.conftest import SEED_FILE, write_forms


def invoke(*args):
    return CliRunner().invoke(app, ["extract", *map(str, args)])


def batch_with_a_failure_and_a_partial(tmp_path):
    inputs = tmp_path / "in"
    write_forms(inputs, 2)
    (inputs / "broken.txt").write_bytes(b"\x00\x01 not a form")
    lines = [line for line in SEED_FILE.read_text(encoding="utf-8").split("\n") if not line.startswith("单位名称")]
    (inputs / "partial.txt").write_text("\n".join(lines), encoding="utf-8")
    return inputs


def test_exit_codes_follow_fail_on(tmp_path):
    inputs = batch_with_a_failure_and_a_partial(tmp_path)
    assert invoke(inputs, "--out", tmp_path / "a").exit_code == 1
    assert invoke(inputs, "--out", tmp_path / "b", "--fail-on", "never").exit_code == 0
    assert invoke(inputs, "--out", tmp_path / "c", "--fail-on", "partial").exit_code == 1
    (inputs / "broken.txt").unlink()
    assert invoke(inputs, "--out", tmp_path / "d").exit_code == 0                       # partial is not failed
    assert invoke(inputs, "--out", tmp_path / "e", "--fail-on", "partial").exit_code == 1
    (inputs / "partial.txt").unlink()
    assert invoke(inputs, "--out", tmp_path / "f", "--fail-on", "partial").exit_code == 0
    assert len(read(tmp_path / "a")["documents"]) == 4   # exit 1, and the rest loaded


def test_usage_errors_exit_2(tmp_path):
    write_forms(tmp_path / "in", 1)
    assert invoke(tmp_path / "in", "--out", tmp_path / "o", "--fail-on", "sometimes").exit_code == 2
    assert invoke(tmp_path / "in", "--out", tmp_path / "o", "--workers", "0").exit_code == 2
    assert invoke(tmp_path / "missing", "--out", tmp_path / "o").exit_code == 2
    result = invoke(tmp_path / "in", "--out", tmp_path / "o", "--quiet", "--verbose")
    assert result.exit_code == 2 and "contradict" in result.output
    assert not (tmp_path / "o").exists()


def test_two_inputs_recorded_as_one_source_exit_2_and_write_nothing(tmp_path):
    write_forms(tmp_path / "x", 1)
    write_forms(tmp_path / "y", 1)
    result = invoke(tmp_path / "x", tmp_path / "y", "--out", tmp_path / "o")
    assert result.exit_code == 2 and "same source 'form-0000.txt'" in result.stderr
    assert not (tmp_path / "o").exists()


def test_a_locked_output_exits_3_with_who_holds_it(tmp_path):
    from formex.committer import Committer

    write_forms(tmp_path / "in", 1)
    with Committer(tmp_path / "out"):
        result = invoke(tmp_path / "in", "--out", tmp_path / "out")
    assert result.exit_code == 3
    assert f"another formex run is writing to {tmp_path / 'out'} (pid {os.getpid()})" in result.stderr


def test_json_report_on_stdout_and_text_on_stderr(tmp_path):
    inputs = batch_with_a_failure_and_a_partial(tmp_path)
    result = invoke(inputs, "--out", tmp_path / "out", "--json")
    report = json.loads(result.stdout)           # stdout is the report and nothing else
    assert report["exit_code"] == result.exit_code == 1
    assert report["outcomes"] == {"new": 3, "replaced": 0, "unchanged": 0, "failed": 1, "duplicate": 0,
                                  "pruned": 0}
    assert report["statuses"] == {"ok": 2, "partial": 1, "failed": 1}
    assert report["failed"][0]["source"] == "broken.txt" and "no known form" in report["failed"][0]["error"]
    assert report["partial"] == ["partial.txt"] and report["rows"]["indicators"] == 3 * 83
    assert "loaded: 2 ok, 1 partial, 1 failed" in result.stderr
    again = json.loads(invoke(inputs, "--out", tmp_path / "out", "--json").stdout)
    assert again["outcomes"]["unchanged"] == 4 and again["unchanged_failed"] == ["broken.txt"]
    assert again["exit_code"] == 1      # the same inputs, the same exit code


def test_quiet_prints_nothing_and_verbose_a_line_per_document(tmp_path):
    write_forms(tmp_path / "in", 2)
    quiet = invoke(tmp_path / "in", "--out", tmp_path / "q", "--quiet")
    assert quiet.exit_code == 0 and quiet.output == ""
    verbose = invoke(tmp_path / "in", "--out", tmp_path / "v", "--verbose")
    assert "formex: new ok: form-0000.txt" in verbose.stderr and "formex: new ok: form-0001.txt" in verbose.stderr
    assert "formex: committed 2 document(s) (commit 1)" in verbose.stderr


def test_without_a_terminal_progress_is_log_lines_and_nothing_wraps(tmp_path):
    inputs = tmp_path / "in"
    write_forms(inputs, 1)
    long_name = "a-rather-long-file-name-" + "x" * 120 + ".txt"
    (inputs / long_name).write_bytes(b"not a form at all")
    env = {**os.environ, "COLUMNS": "40"}
    done = subprocess.run([sys.executable, "-m", "formex", "extract", str(inputs), "--out", str(tmp_path / "o")],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 1, done.stderr
    assert done.stderr.startswith("formex: 2 document(s) to check\n")
    assert "formex: 2/2 documents (100%)" in done.stderr and ", done" in done.stderr
    failed = [line for line in done.stdout.splitlines() if line.startswith("  failed:")]
    assert failed == [f"  failed: {long_name}: no known form found: no title, section or field label "
                      f"matched a form schema"]


def test_on_a_terminal_progress_is_a_bar_with_documents_per_second(tmp_path):
    import io

    from rich.console import Console

    from formex.report_run import BarProgress
    from formex.runner import run_extract

    write_forms(tmp_path / "in", 3)
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=120)
    run_extract([tmp_path / "in"], tmp_path / "out", progress=BarProgress(console, verbose=True))
    shown = screen.getvalue()
    assert "extracting" in shown and "docs/s" in shown and "3/3" in shown
    assert "new ok: form-0002.txt" in shown and "committed 3 document(s) (commit 1)" in shown

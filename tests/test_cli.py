"""The command line: output formats, exit codes, and one clear line for every bad file."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kzdocs import __version__
from kzdocs.cli import main
from kzdocs.errors import InputError
from kzdocs.extract import extract

from conftest import DATA


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and __version__ in result.output


def test_help_lists_commands():
    result = run("--help")
    assert result.exit_code == 0 and "extract" in result.output


def test_extract_table(seed_pdf):
    result = run("extract", str(seed_pdf))
    assert result.exit_code == 0
    assert "Мұхтар Бескенұлы" in result.output and "Е. Бейсенбаев" in result.output


def test_extract_json_one_and_many(seed_pdf):
    one = json.loads(run("extract", "--format", "json", str(seed_pdf)).output)
    assert one["schema"] == "kzdocs/inquiry/v1" and one["language"] == "kk"
    many = json.loads(run("extract", "--format", "json", str(seed_pdf), str(seed_pdf)).output)
    assert isinstance(many, list) and len(many) == 2


def test_extract_jsonl_and_output_file(seed_pdf, tmp_path):
    out = tmp_path / "out.jsonl"
    result = run("extract", "--format", "jsonl", "--no-text", "-o", str(out), str(seed_pdf),
                 str(seed_pdf))
    assert result.exit_code == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and "text" not in json.loads(lines[0])


def _bad_files(tmp_path, seed_pdf):
    data = seed_pdf.read_bytes()
    files = {
        "missing": (tmp_path / "missing.pdf", "no such file"),
        "directory": (tmp_path, "is a directory"),
        "not a PDF": (tmp_path / "letter.pdf", "not a PDF"),
        "empty": (tmp_path / "empty.pdf", "empty file"),
        "truncated": (tmp_path / "truncated.pdf", "damaged or truncated"),
        "corrupted": (tmp_path / "corrupted.pdf", "damaged or truncated"),
        "encrypted": (DATA / "encrypted.pdf", "encrypted"),
        "no pages": (DATA / "nopages.pdf", "no pages"),
    }
    (tmp_path / "letter.pdf").write_text("Құрметті Әлихан Асханұлы! Бұл PDF емес.", encoding="utf-8")
    (tmp_path / "empty.pdf").write_bytes(b"")
    (tmp_path / "truncated.pdf").write_bytes(data[: len(data) // 3])
    (tmp_path / "corrupted.pdf").write_bytes(b"%PDF-1.6\n" + bytes(range(256)) * 40)
    return files


@pytest.mark.parametrize("case", ["missing", "directory", "not a PDF", "empty", "truncated",
                                  "corrupted", "encrypted", "no pages"])
def test_bad_input_gives_one_line_and_others_still_run(case, tmp_path, seed_pdf):
    path, reason = _bad_files(tmp_path, seed_pdf)[case]
    proc = subprocess.run([sys.executable, "-m", "kzdocs.cli", "extract", "--format", "jsonl",
                           "--no-text", str(path), str(seed_pdf)], capture_output=True, text=True)
    assert proc.returncode == 1
    err = proc.stderr.strip().splitlines()
    assert len(err) == 1 and str(path) in err[0] and reason in err[0], proc.stderr
    assert "Traceback" not in proc.stderr
    assert json.loads(proc.stdout)["source"]["path"] == str(seed_pdf)


def test_page_limit(seed_pdf):
    with pytest.raises(InputError, match="over the limit of 1"):
        extract(seed_pdf, max_pages=1)
    result = CliRunner().invoke(main, ["extract", "--max-pages", "1", str(seed_pdf)])
    assert result.exit_code == 1


def test_usage_error_exit_code():
    assert CliRunner().invoke(main, ["extract"]).exit_code == 2
    assert CliRunner().invoke(main, ["extract", "--format", "xml", "a.pdf"]).exit_code == 2


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_fuzzed_pdf_bytes_never_crash(tmp_path, seed_pdf, data):
    raw = bytearray(seed_pdf.read_bytes())
    for _ in range(data.draw(st.integers(1, 20))):
        pos = data.draw(st.integers(0, len(raw) - 1))
        raw[pos] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(len(raw) // 2, len(raw)))
    path = tmp_path / "fuzz.pdf"
    path.write_bytes(bytes(raw[:cut]))
    try:
        inquiry = extract(path, ocr="never")
    except InputError:
        return
    assert inquiry.source.pages >= 1


@settings(max_examples=80, deadline=None)
@given(st.text(min_size=0, max_size=400))
def test_random_text_never_crashes(text):
    inquiry = extract(text + "\n")
    assert isinstance(inquiry.to_dict(), dict)

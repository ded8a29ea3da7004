"""The `kzdocs` command line. Heavy modules are imported inside commands so --help stays fast."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from . import __version__

FORMATS = ("table", "json", "jsonl")


def _fail(path: object, exc: BaseException) -> None:
    """One line on stderr for a file that failed: its name and the reason, no traceback."""
    from .errors import KzdocsError

    if isinstance(exc, KzdocsError):
        message = str(exc) if str(path) in str(exc) else f"{path}: {exc}"
    else:
        message = f"{path}: internal error: {type(exc).__name__}: {exc}"
    click.echo(f"kzdocs: {message}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kzdocs")
def main() -> None:
    """Read deputy inquiries of the Parliament of Kazakhstan (PDF, typed or scanned) into
    structured data: addressee, signatories, figures, demands, topics."""


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
              help="table: a readable summary; json: one object (an array for several files); "
                   "jsonl: one object per line.")
@click.option("--ocr", type=click.Choice(["auto", "always", "never"]), default="auto",
              show_default=True, help="OCR pages without a usable text layer (auto), every page, "
                                      "or none.")
@click.option("--lang", type=click.Choice(["kk", "ru"]), default=None,
              help="Force the language instead of detecting it.")
@click.option("--max-pages", type=click.IntRange(min=1), default=200, show_default=True,
              help="Refuse PDFs with more pages than this.")
@click.option("--no-text", is_flag=True, help="Leave the full text out of JSON output.")
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-",
              help="Write the result to this file instead of standard output.")
def extract(files: tuple[Path, ...], fmt: str, ocr: str, lang: str | None, max_pages: int,
            no_text: bool, output) -> None:
    """Extract addressee, signatories, figures, demands and metadata from inquiry PDFs.

    Exit status: 0 when every file was read, 1 when any file failed, 2 on usage errors.
    """
    from .extract import extract as run
    from .render import table

    failed = False
    results = []
    for path in files:
        try:
            inquiry = run(path, lang=lang, ocr=ocr, max_pages=max_pages)
        except Exception as exc:  # one bad file must not stop the others
            _fail(path, exc)
            failed = True
            continue
        data = inquiry.to_dict()
        if no_text:
            data.pop("text")
        if fmt == "table":
            output.write(table(inquiry) + "\n")
        elif fmt == "jsonl":
            output.write(json.dumps(data, ensure_ascii=False) + "\n")
            output.flush()
        else:
            results.append(data)
    if fmt == "json" and results:
        payload = results[0] if len(files) == 1 else results
        output.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    sys.exit(1 if failed else 0)


@main.command()
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
@click.option("--gold", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=None, help="Folder of gold JSON (default: DIRECTORY/gold, or beside the PDFs).")
@click.option("--ocr", type=click.Choice(["auto", "always", "never"]), default="auto",
              show_default=True)
@click.option("--scans/--no-scans", default=True, show_default=True,
              help="Also score the scanned PDFs (pdf/scan/), which takes OCR time.")
def evaluate(directory: Path, fmt: str, gold: Path | None, ocr: str, scans: bool) -> None:
    """Score extraction against gold annotations, per field and language.

    DIRECTORY is the corpus folder (with pdf/ and gold/) or any folder of PDFs with a gold
    ID.json beside each ID.pdf.
    """
    from .evaluate import evaluate_dir, format_table

    report = evaluate_dir(directory, gold_dir=gold, ocr=ocr, scans=scans, progress=True)
    if fmt == "json":
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        click.echo(format_table(report))


if __name__ == "__main__":
    main()

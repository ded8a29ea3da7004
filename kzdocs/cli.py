"""The `kzdocs` command line. Heavy modules are imported inside commands so --help stays fast."""
from __future__ import annotations

import json
import sys
from contextlib import contextmanager
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
@click.option("--entities/--no-entities", default=True, show_default=True,
              help="Named entities (the NER models take most of the time of a typed PDF).")
@click.option("--topics/--no-topics", default=True, show_default=True,
              help="CAP topics.")
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-",
              help="Write the result to this file instead of standard output.")
def extract(files: tuple[Path, ...], fmt: str, ocr: str, lang: str | None, max_pages: int,
            no_text: bool, entities: bool, topics: bool, output) -> None:
    """Extract addressee, signatories, figures, demands and metadata from inquiry PDFs.

    Exit status: 0 when every file was read, 1 when any file failed, 2 on usage errors.
    """
    from .extract import extract as run
    from .render import table

    failed = False
    results = []
    for path in files:
        try:
            inquiry = run(path, lang=lang, ocr=ocr, max_pages=max_pages, topics=topics,
                          entities=entities)
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
@click.option("--exclude", type=click.File("r", encoding="utf-8"), default=None,
              help="A file of document ids (one per line) to leave out, e.g. corpus/DEVSET.txt "
                   "to score only documents the rules were not developed on.")
@click.option("--only", type=click.File("r", encoding="utf-8"), default=None,
              help="A file of document ids to score alone, e.g. docs/results/heldout-1.ids.")
def evaluate(directory: Path, fmt: str, gold: Path | None, ocr: str, scans: bool,
             exclude, only) -> None:
    """Score extraction against gold annotations, per field and language.

    DIRECTORY is the corpus folder (with pdf/ and gold/) or any folder of PDFs with a gold
    ID.json beside each ID.pdf.
    """
    from .evaluate import evaluate_dir, format_table

    def ids(file) -> list[str]:
        return [line.strip() for line in file if line.strip()]

    report = evaluate_dir(directory, gold_dir=gold, ocr=ocr, scans=scans, progress=True,
                          exclude=ids(exclude) if exclude else (),
                          only=ids(only) if only else None)
    if fmt == "json":
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        click.echo(format_table(report))


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
@click.option("--ocr", type=click.Choice(["auto", "always", "never"]), default="auto",
              show_default=True)
def classify(files: tuple[Path, ...], fmt: str, ocr: str) -> None:
    """Print the CAP topics of documents (PDF or text), best first, with their scores."""
    from .classify import classify as topics_of
    from .extract import load

    failed = False
    for path in files:
        try:
            doc = load(path, ocr=ocr)
        except Exception as exc:  # one bad file must not stop the others
            _fail(path, exc)
            failed = True
            continue
        topics = topics_of(doc.text, doc.language)
        if fmt == "json":
            click.echo(json.dumps({"path": str(path), "topics": [t.to_dict() for t in topics]},
                                  ensure_ascii=False))
        else:
            shown = ", ".join(f"{t.code} {t.label} ({t.score:.2f})" for t in topics) or "–"
            click.echo(f"{path}: {shown}")
    sys.exit(1 if failed else 0)


@main.group()
def train() -> None:
    """Train the models kzdocs ships (not needed to use kzdocs: they come installed)."""


@train.command("topics")
@click.option("--corpus", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=Path("corpus"), show_default=True, help="The annotated corpus folder.")
@click.option("--output", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where to write the model (default: the installed models/topics).")
@click.option("--cv/--no-cv", default=True, show_default=True,
              help="Cross-validate (5 folds) before training on everything.")
@click.option("--limit", type=click.IntRange(min=10), default=None,
              help="Use only the first N documents (for a quick smoke test).")
def train_topics(corpus: Path, output: Path | None, cv: bool, limit: int | None) -> None:
    """Train the CAP topic classifier on the corpus gold and store it as plain arrays."""
    from .classify import MODEL_DIR
    from .classify.train import cross_validate, fit, load_corpus, save

    examples = load_corpus(corpus)[:limit]
    info: dict = {"documents": len(examples), "trained": "kzdocs train topics"}
    if cv:
        report = cross_validate(examples)
        info["cross_validation"] = {k: v for k, v in report.items() if k != "predictions"}
        click.echo(json.dumps(info["cross_validation"], ensure_ascii=False, indent=2))
    save(fit(examples), output or MODEL_DIR, info)
    click.echo(f"model written to {output or MODEL_DIR}", err=True)


@train.command("ner")
@click.option("--data", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="KazNERD IOB2 file (default: ../shared/data/kaznerd/IOB2_valid.txt).")
@click.option("--output", type=click.Path(file_okay=False, path_type=Path), required=True)
@click.option("--config", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="spaCy config (default: the shipped model's, configs/).")
@click.option("--max-sentences", type=click.IntRange(min=10), default=None)
@click.option("--max-steps", type=click.IntRange(min=1), default=None)
@click.option("--checkpoint", type=click.Choice(["last", "best"]), default="last", show_default=True,
              help="Write the last model (as shipped) or the best one on the development set.")
def train_ner(data: Path | None, output: Path, config: Path | None, max_sentences: int | None,
              max_steps: int | None, checkpoint: str) -> None:
    """Train the Kazakh NER model on KazNERD (10% held out as the development set)."""
    from . import train_ner as trainer

    kwargs = {k: v for k, v in {"config": config, "max_sentences": max_sentences,
                                "max_steps": max_steps}.items() if v is not None}
    kwargs["checkpoint"] = checkpoint
    if data is None:
        found = [p for p in (Path("../shared/data/kaznerd/IOB2_valid.txt"), trainer.DEFAULT_DATA)
                 if p.exists()]
        if not found:
            raise click.UsageError("KazNERD not found beside the repository: give --data FILE")
        data = found[0]
    trainer.train_ner(data, output, **kwargs)


@train.command("morph")
@click.option("--data", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="UD Kazakh-KTB CoNLL-U file (default: ../shared/data/ud_kk_ktb/kk_ktb-ud.conllu).")
@click.option("--output", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where to write linear.json.gz + linear.npz (default: the installed models/kk_morph).")
@click.option("--cv/--no-cv", default=False, show_default=True,
              help="5-fold cross-validation first (about 15 minutes on one core).")
@click.option("--max-sentences", type=click.IntRange(min=20), default=None,
              help="Use only the first N sentences (for a quick smoke test).")
def train_morph(data: Path | None, output: Path | None, cv: bool, max_sentences: int | None) -> None:
    """Train the Kazakh lemmatiser and UPOS tagger (kzdocs.morph's linear model) on UD Kazakh-KTB."""
    from . import morph

    if data is None:
        if not morph.DEFAULT_DATA.exists():
            raise click.UsageError("UD Kazakh-KTB not found beside the repository: give --data FILE")
        data = morph.DEFAULT_DATA
    if cv:
        folds = morph.cross_validate_linear(data)
        mean = {k: round(sum(f[k] for f in folds) / len(folds), 4) for k in ("upos", "lemma", "lemma_ci")}
        click.echo(json.dumps({"folds": folds, "mean": mean}, indent=2))
    sentences = morph.read_conllu(data)[:max_sentences]
    morph.train_linear(sentences).save(output or morph.MODEL_DIR)
    click.echo(f"model written to {output or morph.MODEL_DIR} ({len(sentences)} sentences)", err=True)


@main.group()
def topics() -> None:
    """Explore the themes of an archive beyond the CAP codes."""


@topics.command("discover")
@click.argument("source", type=click.Path(exists=True, path_type=Path))
@click.option("--k", "k", type=click.IntRange(min=2), default=10, show_default=True,
              help="Number of topics to find.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
@click.option("--terms", "n_terms", type=click.IntRange(min=1), default=10, show_default=True)
def topics_discover(source: Path, k: int, fmt: str, n_terms: int) -> None:
    """Find K themes in SOURCE (a folder of PDFs or texts, or an index database) with NMF."""
    from .classify.discover import discover

    docs = _documents_of(source)
    if len(docs) < k:
        raise click.UsageError(f"{source}: {len(docs)} documents, fewer than --k {k}")
    found, _ = discover(docs, k, top_terms=n_terms)
    if fmt == "json":
        click.echo(json.dumps([t.__dict__ for t in found], ensure_ascii=False, indent=2))
        return
    for t in found:
        click.echo(f"{t.number:>3}. {', '.join(t.terms)}")
        for doc_id, weight in t.documents:
            click.echo(f"       {doc_id} ({weight:.3f})")


def _documents_of(source: Path) -> list[tuple[str, str, str | None]]:
    """(id, text, language) of every document in a folder (PDF, .txt) or an index database."""
    from tqdm import tqdm

    if source.is_file():
        from .archive import Archive

        archive = Archive(source)
        return [(d.path, archive.text(d.id) or "", d.language) for d in archive.documents()]
    from .extract import load

    paths = sorted(p for p in source.rglob("*") if p.suffix.lower() in (".pdf", ".txt"))
    docs = []
    for path in tqdm(paths, unit="doc", desc="read", file=sys.stderr):
        try:
            doc = load(path)
        except Exception as exc:  # unreadable files are reported and left out
            _fail(path, exc)
            continue
        docs.append((str(path), doc.text, doc.language))
    return docs



# ---------------------------------------------------------------- archives: index, search, …

DB_OPTION = click.option(
    "--db", type=click.Path(dir_okay=False, path_type=Path), envvar="KZDOCS_DB", required=True,
    help="The archive file (SQLite); default from $KZDOCS_DB.")


def _archive_error(exc: BaseException) -> None:
    """One line on stderr and the exit status for an archive command that cannot go on."""
    from .archive.search import QueryError

    click.echo(f"kzdocs: {exc}", err=True)
    sys.exit(2 if isinstance(exc, QueryError) else 1)


@contextmanager
def _open_archive(db: Path, also: tuple[type[BaseException], ...] = ()):
    """The archive at `db`; any failure to read it ends the command with one line."""
    import sqlite3

    from .archive.core import Archive
    from .errors import KzdocsError

    try:
        with Archive(db) as archive:
            yield archive
    except KzdocsError as exc:
        _archive_error(exc)
    except (sqlite3.Error, *also) as exc:
        _archive_error(f"{db}: {exc}")


def _shown(path: str) -> str:
    from .archive.indexer import display_path

    return display_path(path)


@main.command()
@click.argument("dirs", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@DB_OPTION
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: the number of cores).")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="Extract on this Dask scheduler (tcp://HOST:8786) instead of local worker "
                   "processes; needs kzdocs[dask]. The database is written here.")
@click.option("--timeout", type=click.FloatRange(min=0), default=120.0, show_default=True,
              help="Seconds one document may take; its worker is then killed and replaced and "
                   "the file recorded as failed (0: no limit).")
@click.option("--max-pages", type=click.IntRange(min=1), default=200, show_default=True,
              help="Refuse PDFs with more pages than this (recorded as failures).")
@click.option("--ocr", type=click.Choice(["auto", "always", "never"]), default="auto",
              show_default=True, help="OCR pages without a usable text layer (auto), every "
                                      "page, or none.")
@click.option("--lang", type=click.Choice(["kk", "ru"]), default=None,
              help="Force the language instead of detecting it.")
@click.option("--topics/--no-topics", default=True, show_default=True,
              help="Classify topics (--no-topics saves the classifier's time).")
@click.option("--entities/--no-entities", default=True, show_default=True,
              help="Find named entities (--no-entities saves the NER models' time and memory).")
@click.option("--force", is_flag=True, help="Extract every file again, even unchanged ones.")
@click.option("--retry-failed", is_flag=True,
              help="Try again files that failed before with the same content and settings.")
@click.option("--progress/--no-progress", default=None,
              help="A progress bar on stderr (default: when stderr is a terminal).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="The summary at the end.")
def index(dirs: tuple[Path, ...], db: Path, jobs: int | None, scheduler: str | None,
          timeout: float, max_pages: int, ocr: str, lang: str | None, topics: bool,
          entities: bool, force: bool, retry_failed: bool, progress: bool | None,
          fmt: str) -> None:
    """Index the PDFs in DIRS (folders, walked recursively, or files) into an archive.

    New and changed files are extracted in parallel and stored one per transaction; unchanged
    files are skipped, vanished ones flagged as removed, and files that cannot be read are
    recorded with the reason (`kzdocs export --table failures`). Safe to stop at any moment:
    the next run goes on where this one stopped.

    Exit status: 0 when every file was indexed or skipped, 1 when any failed, 2 on usage
    errors, 130 when interrupted.
    """
    import sqlite3

    from .archive.indexer import Indexer
    from .errors import KzdocsError

    indexer = Indexer(db, list(dirs), jobs=jobs, timeout=timeout, max_pages=max_pages, ocr=ocr,
                      lang=lang, topics=topics, entities=entities, force=force,
                      retry_failed=retry_failed, scheduler=scheduler, progress=progress)
    try:
        summary = indexer.run()
    except KeyboardInterrupt:
        click.echo(f"kzdocs: interrupted: {indexer.summary}", err=True)
        sys.exit(130)
    except (KzdocsError, RuntimeError, OSError, sqlite3.Error) as exc:
        _archive_error(exc if isinstance(exc, KzdocsError) else f"{db}: {exc}")
        return
    if not summary.found:
        click.echo("kzdocs: no PDFs found in " + ", ".join(map(str, dirs)), err=True)
    for path, error in summary.failures:
        click.echo(f"kzdocs: {_shown(path)}: {error}", err=True)
    if fmt == "json":
        click.echo(json.dumps(summary.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(str(summary))
    sys.exit(1 if summary.failed else 0)


@main.command()
@click.argument("query")
@DB_OPTION
@click.option("--topic", default=None, help="Only documents with this topic code.")
@click.option("--year", type=int, default=None, help="Only documents dated this year.")
@click.option("--lang", type=click.Choice(["kk", "ru", "mixed"]), default=None,
              help="Only documents in this language.")
@click.option("--addressee", default=None, metavar="TEXT",
              help="Only letters to this addressee (name, surname or position, any case "
                   "or inflection).")
@click.option("--signatory", default=None, metavar="TEXT",
              help="Only letters signed by this deputy.")
@click.option("--faction", default=None, metavar="TEXT", help="Only letters of this faction.")
@click.option("--limit", type=click.IntRange(min=1), default=10, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
def search(query: str, db: Path, topic: str | None, year: int | None, lang: str | None,
           addressee: str | None, signatory: str | None, faction: str | None, limit: int,
           fmt: str) -> None:
    """Search an archive; best matches first, with the matching words marked.

    QUERY: words (any inflection: "миграция" finds "миграциясы", "миграции"),
    "an exact phrase", a OR b, -word or NOT word to exclude, prefix* . Any other punctuation
    is ignored.
    """
    color = fmt == "table" and sys.stdout.isatty()
    mark = ("\x1b[1;33m", "\x1b[0m") if color else ("[", "]")
    with _open_archive(db) as archive:
        hits = archive.search(query, topic=topic, year=year, lang=lang, addressee=addressee,
                              signatory=signatory, faction=faction, limit=limit, mark=mark)
    if fmt == "json":
        click.echo(json.dumps([h.to_dict() for h in hits], ensure_ascii=False, indent=2))
        return
    if not hits:
        click.echo("no documents match", err=True)
        return
    for rank, hit in enumerate(hits, 1):
        meta = ", ".join(x for x in (hit.language, hit.date, hit.faction) if x)
        click.echo(f"{rank}. {_shown(hit.path)}  ({meta})  score {hit.score:.2f}")
        if hit.addressee or hit.signatories:
            who = " | ".join(x for x in (f"to {hit.addressee}" if hit.addressee else "",
                                         "from " + ", ".join(hit.signatories[:4])
                                         if hit.signatories else "") if x)
            click.echo(f"   {who}")
        click.echo(f"   {hit.snippet}\n")


def _format_number(value: float) -> str:
    return f"{value:,.0f}".replace(",", " ") if abs(value) >= 1 else f"{value:g}"


@main.command()
@DB_OPTION
@click.option("--by", "by", type=click.Choice(["topic", "year", "addressee", "faction",
                                               "signatory", "language", "doc_type"]),
              default=None, help="Count documents per group (default: totals of the archive).")
@click.option("--sum-figures", is_flag=True,
              help="Also sum the money figures of each group, by currency.")
@click.option("--year", type=int, default=None, help="Only documents dated this year.")
@click.option("--lang", type=click.Choice(["kk", "ru", "mixed"]), default=None)
@click.option("--limit", type=click.IntRange(min=1), default=None,
              help="Show only the largest groups.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
              show_default=True)
def stats(db: Path, by: str | None, sum_figures: bool, year: int | None, lang: str | None,
          limit: int | None, fmt: str) -> None:
    """Counts of an archive's documents, per topic, year, addressee, faction or signatory."""
    with _open_archive(db) as archive:
        if by is None and not sum_figures:
            overview = archive.overview()
        else:
            overview = None
            rows = archive.stats(by, sum_figures=sum_figures, year=year, lang=lang)
    if overview is not None:
        if fmt == "json":
            click.echo(json.dumps(overview, ensure_ascii=False, indent=2))
        else:
            for key in ("documents", "removed", "failures", "figures", "signatories",
                        "demands"):
                click.echo(f"{key:12} {overview[key]}")
            langs = ", ".join(f"{k} {v}" for k, v in overview["languages"].items())
            click.echo(f"{'languages':12} {langs}")
            if overview["last_run"]:
                run = overview["last_run"]
                click.echo(f"{'last run':12} {run['finished_at']}: indexed {run['indexed']}, "
                           f"skipped {run['skipped']}, failed {run['failed']}, "
                           f"removed {run['removed']}")
        return
    rows = rows[:limit] if limit else rows
    currencies = sorted({c for r in rows for c in r.sums})
    if fmt == "json":
        click.echo(json.dumps([r.to_dict() for r in rows], ensure_ascii=False, indent=2))
        return
    header = [by or "archive", "documents"] + (["figures"] + currencies if sum_figures else [])
    table_rows = [[r.key if r.key is not None else "—", str(r.documents)]
                  + ([str(r.figures)] + [_format_number(r.sums[c]) if c in r.sums else ""
                                         for c in currencies] if sum_figures else [])
                  for r in rows]
    if fmt == "csv":
        import csv

        writer = csv.writer(sys.stdout)
        writer.writerow(header)
        writer.writerows([[r.key, r.documents] + ([r.figures] + [r.sums.get(c) for c in
                                                                currencies]
                                                  if sum_figures else []) for r in rows])
        return
    widths = [max(len(str(x)) for x in col) for col in zip(header, *table_rows)]
    for i, row in enumerate([header] + table_rows):
        cells = [str(c).ljust(w) if j == 0 else str(c).rjust(w)
                 for j, (c, w) in enumerate(zip(row, widths))]
        click.echo("  ".join(cells).rstrip())
        if i == 0:
            click.echo("  ".join("-" * w for w in widths))


@main.command()
@DB_OPTION
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl", "parquet"]), default="csv",
              show_default=True, help="parquet needs pyarrow (kzdocs[parquet]) and -o.")
@click.option("--table", type=click.Choice(["documents", "figures", "signatories", "demands",
                                            "topics", "addressees", "entities", "failures"]),
              default="documents", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to this file instead of standard output.")
@click.option("--no-text", is_flag=True, help="Leave the full text out of the documents table.")
@click.option("--include-removed", is_flag=True,
              help="Also the documents whose files were removed.")
def export(db: Path, fmt: str, table: str, output: Path | None, no_text: bool,
           include_removed: bool) -> None:
    """Export one table of an archive as CSV, JSON lines or Parquet.

    Every row of a part (figures, signatories, …) carries its document's id and path.
    """
    if fmt == "parquet" and output is None:
        click.echo("kzdocs: parquet is binary: give a file with -o FILE", err=True)
        sys.exit(2)
    with _open_archive(db, also=(OSError,)) as archive:
        target = output if output is not None else sys.stdout
        count = archive.export(table, fmt, target, include_text=not no_text,
                               include_removed=include_removed)
    if output is not None:
        click.echo(f"kzdocs: {count} rows of {table} written to {output}", err=True)


if __name__ == "__main__":
    main()

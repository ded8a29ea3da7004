"""Train the Kazakh named-entity recogniser on KazNERD.

KazNERD (Yeshpanov, Khassanov, Varol, LREC 2022; CC BY 4.0) is read from
``../shared/data/kaznerd/IOB2_valid.txt``: one ``token TAG`` pair per line (IOB2),
a blank line between sentences.  A fixed, seeded share of the sentences (10 % by
default) is held out as the development set and never trained on; :func:`split_kaznerd`
recomputes the same split for evaluation and tests.

The data are converted to spaCy ``DocBin`` files in a temporary (or given) working
directory, never inside the repository, and trained with one of the configs in
``configs/``.  Only the inference files of the best model are kept in ``output_dir``.

Usage::

    from kzdocs.train_ner import train_ner
    train_ner("../shared/data/kaznerd/IOB2_valid.txt", "kzdocs/models/kk_ner",
              config="configs/ner_tagger64.cfg", group=3)
"""
from __future__ import annotations

import random
import shutil
from pathlib import Path
from typing import Iterable, Sequence
from .configs import CONFIG_DIR, resolve_config, work_directory

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CONFIG = CONFIG_DIR / "ner_tagger64.cfg"  # the shipped kk_ner
DEFAULT_DATA = REPO_ROOT.parent / "shared" / "data" / "kaznerd" / "IOB2_valid.txt"
DEV_FRACTION = 0.1
SPLIT_SEED = 20220620  # fixed: the dev set must not change between runs

Sentence = tuple[list[str], list[str]]


def read_iob2(path: str | Path) -> list[Sentence]:
    """Read a ``token TAG`` IOB2 file into (words, tags) sentences."""
    sents: list[Sentence] = []
    words: list[str] = []
    tags: list[str] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip():
                if words:
                    sents.append((words, tags))
                    words, tags = [], []
                continue
            token, _, tag = line.rpartition(" ")
            if not token:  # a line with a single field: treat as an O token
                token, tag = tag, "O"
            words.append(token)
            tags.append(_fix_tag(tag, tags))
    if words:
        sents.append((words, tags))
    return sents


def _fix_tag(tag: str, previous: Sequence[str]) -> str:
    """Repair an I- tag that does not continue an entity of the same label."""
    if tag.startswith("I-"):
        label = tag[2:]
        if not previous or previous[-1] not in (f"B-{label}", f"I-{label}"):
            return f"B-{label}"
    return tag


def split_kaznerd(
    sents: Sequence[Sentence], dev_fraction: float = DEV_FRACTION, seed: int = SPLIT_SEED
) -> tuple[list[Sentence], list[Sentence]]:
    """The fixed seeded train/dev split: returns (train, dev)."""
    order = list(range(len(sents)))
    random.Random(seed).shuffle(order)
    n_dev = int(round(len(sents) * dev_fraction))
    dev_ids = set(order[:n_dev])
    train = [s for i, s in enumerate(sents) if i not in dev_ids]
    dev = [s for i, s in enumerate(sents) if i in dev_ids]
    return train, dev


def group_sentences(
    sents: Sequence[Sentence], max_group: int, seed: int = SPLIT_SEED
) -> list[Sentence]:
    """Join runs of 1..``max_group`` sentences into one training document.

    Real inquiries are multi-sentence documents: without this, every sentence-initial
    word follows nothing in training but follows a full stop at run time, and the
    model takes capitalised sentence openers ("Мысалы", "Алайда") for names.
    """
    if max_group <= 1:
        return list(sents)
    rng = random.Random(seed + 1)
    out: list[Sentence] = []
    i = 0
    while i < len(sents):
        n = rng.randint(1, max_group)
        words: list[str] = []
        tags: list[str] = []
        for w, t in sents[i : i + n]:
            words += w
            tags += t
        out.append((words, tags))
        i += n
    return out


def sentences_to_docs(nlp, sents: Iterable[Sentence]):
    """spaCy ``Doc`` objects with gold entities from (words, tags) sentences; the IOB2 tags
    are also the tokens' ``tag_``, which the token-classification NER (``kk_iob_ner``)
    learns from."""
    from spacy.tokens import Doc

    for words, tags in sents:
        yield Doc(nlp.vocab, words=list(words), spaces=[True] * len(words), ents=list(tags),
                  tags=list(tags))


def write_docbin(nlp, sents: Iterable[Sentence], path: Path) -> Path:
    from spacy.tokens import DocBin

    db = DocBin(store_user_data=False)
    for doc in sentences_to_docs(nlp, sents):
        db.add(doc)
    db.to_disk(path)
    return path


# files that only matter for resuming training
_TRAINING_ONLY = ("meta.json.bak",)


def _strip_model(model_dir: Path) -> None:
    for name in _TRAINING_ONLY:
        p = model_dir / name
        if p.exists():
            p.unlink()


def train_ner(
    data_path: str | Path = DEFAULT_DATA,
    output_dir: str | Path = "kk_ner",
    config: str | Path = DEFAULT_CONFIG,
    max_sentences: int | None = None,
    max_steps: int | None = None,
    eval_frequency: int | None = None,
    dev_fraction: float = DEV_FRACTION,
    seed: int = SPLIT_SEED,
    work_dir: str | Path | None = None,
    overrides: dict | None = None,
    add_sentencizer: bool = True,
    add_rules: bool = True,
    group: int = 3,
    checkpoint: str = "last",
    verbose: bool = True,
) -> Path:
    """Train a spaCy NER pipeline on KazNERD and write it to ``output_dir``.

    ``max_sentences`` limits the training sentences (the dev set stays the fixed
    held-out split, limited to ``max(50, max_sentences // 10)`` sentences when set),
    ``max_steps``/``eval_frequency`` override the config's training schedule and
    ``overrides`` any other config value (``{"training.dropout": 0.2}``).
    ``group`` > 1 joins runs of 1..``group`` training sentences into one document
    (:func:`group_sentences`); the dev set stays one sentence per document.
    ``checkpoint`` picks the model written: "last" (default, the shipped model: chosen
    without looking at the dev scores, so they stay an honest held-out measure) or "best"
    (the best dev F1).  Returns the path of the written pipeline (stripped of
    training-only files, with a rule-based ``sentencizer`` added first and, if
    ``add_rules``, the ``kk_ent_cleanup`` component and an ``entity_ruler`` for
    initials + surname after the ``ner``; see :func:`add_rule_components`).
    """
    import spacy
    from spacy.cli.train import train as spacy_train

    import kzdocs.lang.kk  # noqa: F401  (registers lang "kk" even without the entry point)

    if checkpoint not in ("last", "best"):  # before, not after, a training run of minutes
        raise ValueError(f"checkpoint must be 'last' or 'best', not {checkpoint!r}")
    data_path = Path(data_path)
    output_dir = Path(output_dir)
    config_path = resolve_config(config, "ner")

    sents = read_iob2(data_path)
    train, dev = split_kaznerd(sents, dev_fraction=dev_fraction, seed=seed)
    if max_sentences is not None:
        train = train[:max_sentences]
        dev = dev[: max(50, max_sentences // 10)]

    with work_directory(work_dir, "kzdocs-ner-") as work:
        nlp = spacy.blank("kk")
        train_path = write_docbin(nlp, group_sentences(train, group, seed), work / "train.spacy")
        dev_path = write_docbin(nlp, dev, work / "dev.spacy")
        ov = {"paths.train": str(train_path), "paths.dev": str(dev_path)}
        if max_steps is not None:
            ov["training.max_steps"] = int(max_steps)
        if eval_frequency is not None:
            ov["training.eval_frequency"] = int(eval_frequency)
        if overrides:
            ov.update(overrides)
        if verbose:
            print(f"KazNERD: {len(train)} train / {len(dev)} dev sentences; config {config_path}")
        train_out = work / "training"
        spacy_train(config_path, train_out, use_gpu=-1, overrides=ov)

        chosen = train_out / f"model-{checkpoint}"
        if not chosen.exists():
            chosen = train_out / "model-last"
        package_model(chosen, output_dir, add_sentencizer=add_sentencizer, add_rules=add_rules)
        return output_dir


def package_model(
    model_dir: str | Path, output_dir: str | Path, add_sentencizer: bool = True,
    add_rules: bool = True,
) -> Path:
    """Turn a spaCy training checkpoint (``model-best``) into the shipped pipeline:
    sentencizer first, rule components after the ``ner``, the tokenizer rebuilt from
    the current ``kzdocs.lang.kk`` rules, KazNERD attribution in the meta, and only
    the files needed for inference."""
    import spacy
    from spacy.language import create_tokenizer

    import kzdocs.lang.kk  # noqa: F401

    output_dir = Path(output_dir)
    nlp = spacy.load(model_dir)
    if add_sentencizer and "sentencizer" not in nlp.pipe_names:
        nlp.add_pipe("sentencizer", first=True)
    if add_rules:
        add_rule_components(nlp)
    # a fresh tokenizer, so the shipped rules are those of kzdocs.lang.kk
    nlp.tokenizer = create_tokenizer()(nlp)
    nlp.meta["name"] = "ner"
    nlp.meta["description"] = (
        "Kazakh named-entity recogniser (25 KazNERD labels) trained by kzdocs on "
        "KazNERD (Yeshpanov, Khassanov, Varol, LREC 2022; CC BY 4.0)."
    )
    nlp.meta["license"] = "CC BY 4.0"
    nlp.meta["sources"] = [
        {
            "name": "KazNERD",
            "url": "https://github.com/IS2AI/KazNERD",
            "license": "CC BY 4.0",
            "author": "Yeshpanov, Khassanov, Varol",
        }
    ]
    # the DocBins lived in a temporary directory: do not ship their paths
    for key in ("train", "dev"):
        if key in nlp.config.get("paths", {}):
            nlp.config["paths"][key] = None
    if output_dir.exists():
        shutil.rmtree(output_dir)
    output_dir.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(output_dir)
    _strip_model(output_dir)
    return output_dir


def add_rule_components(nlp) -> None:
    """Add the rule components that follow the statistical ``ner``:

    * ``kk_ent_cleanup``: entities do not cross sentence boundaries nor start or end
      with punctuation;
    * ``entity_ruler`` (overwriting): "Е. Бейсенбаев", "Ә.А. Сарым" are PERSON (the
      signatures of inquiries; KazNERD has almost no initials).
    """
    from kzdocs.lang.kk.pipeline import kk_initials_patterns

    if "kk_ent_cleanup" not in nlp.pipe_names:
        nlp.add_pipe("kk_ent_cleanup", after="ner")
    if "entity_ruler" not in nlp.pipe_names:
        ruler = nlp.add_pipe(
            "entity_ruler", after="kk_ent_cleanup", config={"overwrite_ents": True}
        )
        ruler.add_patterns(kk_initials_patterns())


def evaluate_ner(nlp, sents: Sequence[Sentence]) -> dict:
    """Entity P/R/F1 (micro and per label) of ``nlp`` on gold (words, tags) sentences.

    The gold tokenisation is used (spans are compared on the same tokens).
    """
    from spacy.scorer import Scorer
    from spacy.tokens import Doc
    from spacy.training import Example

    examples = []
    golds = list(sentences_to_docs(nlp, sents))
    preds = [Doc(nlp.vocab, words=[t.text for t in g], spaces=[True] * len(g)) for g in golds]
    for _name, proc in nlp.pipeline:
        preds = list(proc.pipe(preds)) if hasattr(proc, "pipe") else [proc(d) for d in preds]
    for pred, gold in zip(preds, golds):
        examples.append(Example(pred, gold))
    scores = Scorer.score_spans(examples, "ents")
    return scores

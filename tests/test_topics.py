"""CAP topics: taxonomy, features, training, the shipped classifier and topic discovery."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from kzdocs.classify import TopicModel, classify, load_model
from kzdocs.classify.taxonomy import BY_CODE, CODES, TOPICS
from kzdocs.cli import main

from conftest import CORPUS


def test_taxonomy_has_the_21_major_topics_in_three_languages():
    assert CODES == (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 23)
    for topic in TOPICS:
        assert topic.en and topic.kk and topic.ru and topic.scope
    assert BY_CODE[9].label("kk") == "Көші-қон"


def test_training_command_writes_a_loadable_model(tmp_path):
    result = CliRunner().invoke(main, ["train", "topics", "--corpus", str(CORPUS), "--no-cv",
                                       "--limit", "40", "--output", str(tmp_path)])
    assert result.exit_code == 0, result.output
    model = TopicModel(tmp_path)
    ranked = model.scores("Ауруханалар мен емханаларда дәрігерлер жетіспейді", "kk")
    assert len(ranked) == 21 and all(0 <= p <= 1 for _, p in ranked)


shipped = pytest.mark.skipif(load_model() is None, reason="topic model not shipped")


@shipped
def test_shipped_model_is_small_and_loads_without_pickle():
    from kzdocs.classify import MODEL_DIR

    assert sum(p.stat().st_size for p in MODEL_DIR.iterdir()) <= 20 * 2 ** 20
    import numpy as np

    arrays = np.load(MODEL_DIR / "weights.npz", allow_pickle=False)
    assert arrays["coef"].shape[0] == len(CODES)


@shipped
def test_classify_output_is_sorted_and_labelled(seed_text):
    topics = classify(seed_text, "kk")
    assert topics and [t.score for t in topics] == sorted((t.score for t in topics), reverse=True)
    assert all(t.label == BY_CODE[t.code].en for t in topics)


def test_discovery_lines_up_with_cap_codes():
    from sklearn.metrics import adjusted_mutual_info_score

    from kzdocs.classify.discover import discover
    from kzdocs.classify.train import load_corpus

    examples = load_corpus(CORPUS)
    found, assignment = discover([(e.doc_id, e.text, e.lang) for e in examples], 21)
    assert len(found) == 21 and all(len(t.terms) == 10 for t in found)
    assert adjusted_mutual_info_score([e.primary for e in examples], assignment) >= 0.2


def test_discover_command_json(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    for path in sorted((CORPUS / "src").glob("kk-00[0-2]*.txt")):
        (folder / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    result = CliRunner().invoke(main, ["topics", "discover", str(folder), "--k", "4",
                                       "--format", "json"])
    assert result.exit_code == 0, result.output
    topics = json.loads(result.stdout)
    assert len(topics) == 4 and topics[0]["terms"]

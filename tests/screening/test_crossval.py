"""Grouped cross-validation (``crossval.py``): groups, folds and the combiner of a design."""

from __future__ import annotations

import numpy as np
import pytest

from waspada.screening.corpus import Example
from waspada.screening.crossval import (
    DESIGNS,
    author_groups,
    combiner_for,
    grouped_folds,
    near_duplicate_groups,
    summarize,
    threshold_figures,
)
from waspada.screening.datafiles import load_json
from waspada.screening.model import COMBINER_FEATURES
from waspada.screening.training import combiner_design


def test_near_duplicates_share_a_group_and_other_texts_do_not() -> None:
    texts = [
        "dibutuhkan admin di kamboja gaji besar tiket ditanggung hubungi telegram",
        "dibutuhkan admin di kamboja gaji besar tiket ditanggung hubungi whatsapp",
        "lowongan kasir toko roti di solo gaji umr",
        "pengumuman resmi disnaker tentang pelatihan kerja gratis",
    ]
    groups = near_duplicate_groups(texts)
    assert groups[0] == groups[1]
    assert len({groups[0], groups[2], groups[3]}) == 3


def _example(i: int, provenance: str) -> Example:
    return Example(f"x{i}", f"text {i}", 0, "legit_ad_domestic", "id", provenance, "offer")


def test_texts_of_one_outside_writer_share_a_group() -> None:
    # Rules 2026.1.3: the combiner is fitted on values from models that never saw the
    # writer's style, so each outside writer's texts fall in one fold.
    provenances = [
        "composed by corpus writer a for rules 2026.1.2",
        "composed by corpus writer a for rules 2026.1.2",
        "composed by corpus writer b for rules 2026.1.3",
        "composed by the Waspada team",
        "composed by the Waspada team",
        "hand-written by the Waspada team",
    ]
    examples = [_example(i, p) for i, p in enumerate(provenances)]
    # Near-duplicate groups: text 4 paraphrases writer b's text 2; 3 and 5 stand alone.
    groups = author_groups(examples, [0, 1, 2, 3, 2, 4])
    assert groups[0] == groups[1]  # one writer, two groups before
    assert groups[2] == groups[4]  # a team near-duplicate of writer b's text follows it
    assert len({groups[0], groups[2], groups[3], groups[5]}) == 4


def test_grouped_folds_keep_every_group_whole() -> None:
    labels = np.array([1, 1, 0, 0] * 10)
    groups = [i // 2 for i in range(40)]  # pairs of texts
    folds = grouped_folds(labels, groups, 5, seed=1)
    seen = []
    for train_i, test_i in folds:
        assert not {groups[i] for i in train_i} & {groups[i] for i in test_i}
        seen.extend(test_i.tolist())
    assert sorted(seen) == list(range(40))  # every text is unseen exactly once


def test_a_design_uses_only_its_features() -> None:
    rng = np.random.default_rng(0)
    feats = rng.normal(size=(200, len(COMBINER_FEATURES)))
    labels = (feats[:, 0] + feats[:, 1] > 0).astype(int)
    only_model = combiner_for(("model_logit",), feats, labels, seed=1)
    assert only_model[1] > 0 and not np.any(only_model[2:])
    assert list(combiner_for(None, feats, labels, seed=1)) == [0.0, 1.0] + [0.0] * (
        len(COMBINER_FEATURES) - 1
    )
    stacked = combiner_for(DESIGNS["stacked (2026.1.0)"], feats, labels, seed=1)
    assert stacked[2] > 0  # the rule feature carries weight when the data says so


def test_the_shipped_design_is_read_from_rules_json() -> None:
    assert combiner_design(load_json("rules.json")) == COMBINER_FEATURES
    assert combiner_design({"combiner": {"features": []}}) is None
    with pytest.raises(ValueError, match="unknown no_such_feature"):
        combiner_design({"combiner": {"features": ["no_such_feature"]}})


def test_figures_at_another_medium_threshold_count_risks_at_or_above_it() -> None:
    labels = [1, 1, 1, 0, 0]
    risks = [0.9, 0.45, 0.3, 0.45, 0.1]
    noisy = [0.6, 0.4, 0.2, 0.0, 0.0]
    at_half = threshold_figures(labels, risks, noisy, 0.5)
    assert at_half == {"recall": 1 / 3, "fpr": 0.0, "noisy_recall": 1 / 3}
    lower = threshold_figures(labels, risks, noisy, 0.4)
    assert lower == {"recall": 2 / 3, "fpr": 0.5, "noisy_recall": 2 / 3}


def test_figures_of_a_one_class_subset_leave_the_other_class_empty() -> None:
    ex = [
        Example("a", "x", 0, "news", "id", "p", "news"),
        Example("b", "y", 0, "legit", "id", "p", "offer"),
    ]
    f = summarize([0, 0], [0.7, 0.1], ["medium", "low"], ["", ""], ex)
    assert f["recall"] is None and f["noisy_recall"] is None and f["auc"] is None
    assert f["fpr"] == 0.5 and f["fpr_third_party"] == 1.0

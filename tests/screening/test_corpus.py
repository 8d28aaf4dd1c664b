from collections import Counter

from waspada.screening.corpus import corpus_files, default_corpus_dir, load_examples


def test_corpus_is_complete_and_labelled() -> None:
    examples = [e for f in corpus_files(default_corpus_dir()) for e in load_examples(f)]
    assert len(examples) >= 600
    assert len({e.id for e in examples}) == len(examples)
    assert len({e.text for e in examples}) == len(examples)
    labels = Counter(e.label for e in examples)
    assert labels[0] > 250 and labels[1] > 250
    kinds = {e.kind for e in examples}
    assert {
        "scam_ad",
        "scam_chat",
        "subtle_scam",
        "legit_domestic",
        "legit_overseas_official",
        "legit_abroad_work_permit",
        "warning_news",
    } <= kinds
    # Since rules 2026.1.2 regional texts name their language: Javanese, Sundanese, Minang,
    # Malay (older ones are tagged "mixed").
    assert {e.lang for e in examples} <= {"id", "en", "mixed", "jv", "su", "min", "ms"}
    assert all(e.provenance.strip() for e in examples)
    held = sum(e.held_out for e in examples)
    assert 0.1 < held / len(examples) < 0.3

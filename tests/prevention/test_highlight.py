from waspada.prevention.highlight import segments


def test_segments_cover_text_and_merge_overlaps():
    text = "gaji 15jt di Kamboja"
    indicators = [
        {"code": "salary", "evidence": [{"text": "gaji 15jt", "start": 0, "end": 9}]},
        {"code": "place", "evidence": [{"text": "Kamboja", "start": 13, "end": 20}]},
        {"code": "pay", "evidence": [{"text": "15jt", "start": 5, "end": 9}]},
    ]
    parts = segments(text, indicators)
    assert "".join(part.text for part in parts) == text
    assert [(p.text, p.codes) for p in parts] == [
        ("gaji ", ("salary",)),
        ("15jt", ("pay", "salary")),
        (" di ", ()),
        ("Kamboja", ("place",)),
    ]


def test_out_of_range_evidence_is_ignored():
    parts = segments("abc", [{"code": "x", "evidence": [{"text": "?", "start": 2, "end": 9}]}])
    assert [p.text for p in parts] == ["abc"]
    assert not parts[0].marked

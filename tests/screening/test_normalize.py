from hypothesis import given, settings
from hypothesis import strategies as st

from waspada.screening.normalize import normalize


def test_informal_indonesian_is_expanded() -> None:
    nt = normalize("Gaji 15jt!!! lgsg berangkaaat 🔥 tnpa pengalaman, minat hub WA yg dgn tdk")
    assert "15 juta" in nt.text
    assert "langsung berangkat" in nt.text
    assert "tanpa pengalaman" in nt.text
    assert "hubungi wa" in nt.text
    assert "yang dengan tidak" in nt.text
    assert "🔥" not in nt.text


def test_mixed_tokens_stay_whole() -> None:
    assert "p3mi" in normalize("P3MI berizin KP2MI").text
    assert "kp2mi" in normalize("P3MI berizin KP2MI").text


def test_span_maps_back_to_original() -> None:
    text = "Syarat: tnpa pengalaman & lgsg berangkaaat"
    nt = normalize(text)
    i = nt.text.index("langsung berangkat")
    s, e = nt.span(i, i + len("langsung berangkat"))
    assert text[s:e] == "lgsg berangkaaat"


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_offset_map_is_consistent(text: str) -> None:
    nt = normalize(text)
    assert len(nt.text) == len(nt.starts) == len(nt.ends)
    for s, e in zip(nt.starts, nt.ends, strict=True):
        assert 0 <= s <= e <= len(text)

import pytest
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


def _reference(text: str) -> tuple[str, list[int], list[int]]:
    """The per-character normaliser that ``normalize`` replaced (its pieces must agree)."""
    from waspada.screening.normalize import _KEPT_PUNCT, _TOKEN_RE, _norm_token

    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []

    def gap(begin: int, stop: int, last_space: bool) -> bool:
        for i in range(begin, stop):
            if text[i] in _KEPT_PUNCT:
                out.append(text[i])
                starts.append(i)
                ends.append(i + 1)
                last_space = False
            elif not last_space:
                out.append(" ")
                starts.append(i)
                ends.append(i)
                last_space = True
        return last_space

    pos, last_space = 0, True
    for m in _TOKEN_RE.finditer(text):
        s, e = m.span()
        if s > pos:
            last_space = gap(pos, s, last_space)
        elif s > 0 and not last_space:
            out.append(" ")
            starts.append(s)
            ends.append(s)
        tok = m.group()
        new = _norm_token(tok.lower())
        out.append(new)
        if new == tok.lower() and len(new) == len(tok):
            starts.extend(range(s, e))
            ends.extend(range(s + 1, e + 1))
        else:
            starts.extend([s] * len(new))
            ends.extend([e] * len(new))
        pos, last_space = e, False
    gap(pos, len(text), last_space)
    return "".join(out), starts, ends


_PIECES = st.sampled_from(
    ["gaji", "GAJIII", "15jt", "rp500", "lgsg", "yg", "P3MI", "İstanbul", "ß", "x_y", "__"]
    + [" ", "  ", ", ", "...", " - ", "!!", "🔥", "\n", "\t", "'", "@", "$", "usd", "1.000,50"]
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.lists(_PIECES, max_size=30).map("".join)))
def test_pieces_agree_with_the_per_character_reference(text: str) -> None:
    nt = normalize(text)
    expected, starts, ends = _reference(text)
    assert nt.text == expected
    assert list(nt.starts) == starts
    assert list(nt.ends) == ends
    for i in range(len(expected)):
        for j in range(i + 1, min(len(expected), i + 4) + 1):
            s, e = nt.span(i, j)
            assert 0 <= s <= e <= len(text)


@pytest.mark.parametrize(
    "text",
    [
        "15jt_x",
        "gaji 15jt_ ok",
        "rp500_",
        "_15jt",
        "usd1000",
        "a1b2 12ab34 12ab",
        "İstanbul 15JT",
        "",
    ],
)
def test_runs_of_letters_and_digits_split_like_the_token_pattern(text: str) -> None:
    nt = normalize(text)
    assert (nt.text, list(nt.starts), list(nt.ends)) == _reference(text)


def test_upper_case_hr_is_not_expanded_to_hari() -> None:
    assert "by hr until" in normalize("kept by HR until the end").text
    assert "3 hari" in normalize("libur 3 hr").text
    assert "3 hari" in normalize("libur 3 Hr").text

"""Money amounts in job offers: "gaji 15jt", "USD 1,000-1,200", "RM 3.500/bulan", "8 juta"."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_PRE = (
    r"rp\.?|idr|usd|us\s?\$|\$|rm|myr|thb|฿|php|₱|sgd|s\$|nt\$|ntd|twd|hk\$|hkd|¥|jpy|krw|₩|"
    r"sar|aed|rmb|cny|€|eur|qar|aud|baht|ringgit|vnd|₫"
)
_SUF = (
    r"usd|us\s?dollars?|dollars?|dolar|\$|rupiah|idr|ringgit|rm|myr|baht|thb|pesos?|php|sgd|"
    r"ntd|nt|twd|yen|jpy|won|krw|riyal|real|sar|dirham|aed|yuan|rmb|cny|euros?|eur|hkd|qar|"
    r"vnd|₫"
)
_NUM = r"\d{1,3}(?:[.,]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?"
# "yuta" is Javanese/Sundanese for "juta" (rules 2025.4.2).
_MULT = r"jt|juta|jutaan|yuta|yutaan|rb|ribu|ribuan|k|million|mio"
_MONEY_RE = re.compile(
    rf"(?<![\w.,])(?P<pre>{_PRE})?\s*(?P<a>{_NUM})\s*(?P<ma>{_MULT})?(?![a-z])"
    rf"(?:\s*(?:-|–|—|~|s/d|sd|sampai|hingga|to|until)\s*(?:{_PRE})?\s*(?P<b>{_NUM})"
    rf"\s*(?P<mb>{_MULT})?(?![a-z]))?"
    rf"(?:\s*(?P<suf>{_SUF})(?![a-z]))?",
    re.IGNORECASE,
)
# A match needs a digit, with at most a currency prefix of this many characters and spaces
# before it (a test checks the bound against _PRE).
_PREFIX_MAX = 7  # "ringgit"
_DIGIT_RE = re.compile(r"\d")
_IDR_WORDS = frozenset(("jt", "juta", "jutaan", "yuta", "yutaan", "rb", "ribu", "ribuan"))
_PERIOD_RE = re.compile(
    r"\s*(?:/|per|tiap|setiap|se|sa|a|an|each|sebulan|perbulan|saben)?\s*"
    r"(?P<p>bulan|bln|sasi|wulan|month|mo|mon|hari|hr|day|jam|hour|minggu|week|tahun|thn|year|yr|annum)\b",
    re.IGNORECASE,
)
_PERIOD_WORDS = {
    "bulan": "month", "bln": "month", "sasi": "month", "wulan": "month", "month": "month",
    "mo": "month", "mon": "month",
    "hari": "day", "hr": "day", "day": "day", "jam": "hour", "hour": "hour",
    "minggu": "week", "week": "week", "tahun": "year", "thn": "year", "year": "year",
    "yr": "year", "annum": "year",
}  # fmt: skip
_PER_MONTH = {"month": 1.0, "day": 26.0, "hour": 208.0, "week": 4.33, "year": 1 / 12}
_CURRENCY = {
    "rp": "IDR", "rp.": "IDR", "idr": "IDR", "rupiah": "IDR", "usd": "USD", "$": "USD",
    "us$": "USD", "vnd": "VND", "₫": "VND",
    "dollar": "USD", "dollars": "USD", "dolar": "USD", "rm": "MYR", "myr": "MYR",
    "ringgit": "MYR", "thb": "THB", "฿": "THB", "baht": "THB", "php": "PHP", "₱": "PHP",
    "peso": "PHP", "pesos": "PHP", "sgd": "SGD", "s$": "SGD", "nt$": "TWD", "ntd": "TWD",
    "nt": "TWD", "twd": "TWD", "hk$": "HKD", "hkd": "HKD", "¥": "JPY", "jpy": "JPY",
    "yen": "JPY", "krw": "KRW", "₩": "KRW", "won": "KRW", "sar": "SAR", "riyal": "SAR",
    "real": "SAR", "aed": "AED", "dirham": "AED", "rmb": "CNY", "cny": "CNY", "yuan": "CNY",
    "€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR", "qar": "QAR", "aud": "AUD",
}  # fmt: skip
_MULTIPLIER = {
    "jt": 1e6, "juta": 1e6, "jutaan": 1e6, "yuta": 1e6, "yutaan": 1e6, "million": 1e6, "mio": 1e6,
    "rb": 1e3, "ribu": 1e3, "ribuan": 1e3, "k": 1e3,
}  # fmt: skip
_SALARY_WORDS = re.compile(
    r"(gaji|gj|gajina|bayarane|salary|salaries|upah|penghasilan|income|pendapatan|bayaran|"
    r"dibayar|earn|take home|"
    r"thp|komisi|commission|insentif|incentive|tunjangan|allowance|wage|pay|paid|bonus|cuan)",
    re.IGNORECASE,
)
_FEE_WORDS = re.compile(
    r"(biaya|fee|bayar|membayar|transfer|tf|dp|deposit|setor|ongkos|harga|price|cost|potong|"
    r"jaminan|modal|cicil|denda|fine|tebus|utang|hutang|debt|tiket|ticket)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Money:
    """A money amount quoted in the text, with its offsets in the original text."""

    text: str
    start: int
    end: int
    currency: str
    amount_min: float
    amount_max: float
    period: str  # month / day / hour / week / year (month when not stated)
    role: str  # salary / fee / unknown, from the words just before it
    monthly_usd: float
    monthly_idr: float

    def to_dict(self) -> dict[str, object]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "currency": self.currency,
            "amount_min": self.amount_min,
            "amount_max": self.amount_max,
            "period": self.period,
            "role": self.role,
            "monthly_usd": round(self.monthly_usd, 2),
            "monthly_idr": round(self.monthly_idr),
        }


# Compiled once: re.fullmatch/re.sub with a pattern string look it up in re's cache each call.
_DECIMAL_RE = re.compile(r"\d+[.,]\d{1,2}")
_THOUSANDS_RE = re.compile(r"(\d{1,3}(?:[.,]\d{3})+)(?:[.,](\d{1,2}))?")
_SEPARATOR_RE = re.compile(r"[.,]")


def _parse_number(s: str, has_multiplier: bool) -> float:
    # "1.5 juta", "2,5jt": with a multiplier one or two digits after the mark are decimals.
    if has_multiplier and _DECIMAL_RE.fullmatch(s):
        return float(s.replace(",", "."))
    # "4.000.000", "1,200", "1.000,50": thousands separators, optional decimals.
    m = _THOUSANDS_RE.fullmatch(s)
    if m:
        whole = float(_SEPARATOR_RE.sub("", m.group(1)))
        return whole + (float("0." + m.group(2)) if m.group(2) else 0.0)
    return float(s.replace(",", "."))


def _role(text: str, start: int) -> str:
    window = text[max(0, start - 40) : start]
    sal = [m.end() for m in _SALARY_WORDS.finditer(window)]
    fee = [m.end() for m in _FEE_WORDS.finditer(window)]
    if not sal and not fee:
        return "unknown"
    # The nearest keyword decides: "biaya admin Rp 500rb, gaji 15jt" has both.
    return "salary" if (max(sal) if sal else -1) > (max(fee) if fee else -1) else "fee"


def _money_matches(text: str) -> Iterator[re.Match[str]]:
    """The matches of ``_MONEY_RE.finditer(text)``, searched for only near digits.

    The pattern opens with a look-behind, so ``re`` retries it at every character. But a
    match starts at most ``_PREFIX_MAX`` characters before the spaces in front of its first
    digit, so after each match the search can resume there: no match starts in between.
    """
    pos = 0
    while digit := _DIGIT_RE.search(text, pos):
        lead = digit.start()
        while lead > pos and text[lead - 1].isspace():  # str.isspace() is re's \s
            lead -= 1
        m = _MONEY_RE.search(text, max(pos, lead - _PREFIX_MAX))
        if m is None:
            return
        yield m
        pos = m.end()  # never empty: a match holds a digit


def find_money(text: str, usd_per_unit: dict[str, float]) -> list[Money]:
    """Return the money amounts in ``text`` (original text, original offsets)."""
    found: list[Money] = []
    for m in _money_matches(text):
        pre, suf = m.group("pre"), m.group("suf")
        ma, mb = m.group("ma"), m.group("mb")
        mult_a = _MULTIPLIER.get((ma or mb or "").lower(), 1.0)
        mult_b = _MULTIPLIER.get((mb or ma or "").lower(), 1.0)
        cur_token = (pre or suf or "").lower().replace(" ", "")
        currency = _CURRENCY.get(cur_token, "")
        if not currency:
            if (ma or mb or "").lower() in _IDR_WORDS:
                currency = "IDR"
            else:
                continue  # a bare number ("2 tahun", "08123...") is not money
        try:
            a = _parse_number(m.group("a"), ma is not None or mb is not None) * mult_a
            b_raw = m.group("b")
            b = _parse_number(b_raw, mb is not None or ma is not None) * mult_b if b_raw else a
        except ValueError:
            continue
        if a <= 0:
            continue
        lo, hi = min(a, b), max(a, b)
        end = m.end()
        while end > m.start() and text[end - 1].isspace():
            end -= 1
        pm = _PERIOD_RE.match(text, end)
        period = _PERIOD_WORDS[pm.group("p").lower()] if pm else "month"
        rate = usd_per_unit.get(currency, 0.0)
        monthly_usd = hi * rate * _PER_MONTH[period]
        idr_rate = usd_per_unit.get("IDR", 0.0000625)
        start = m.start()
        found.append(
            Money(
                text=text[start:end],
                start=start,
                end=end,
                currency=currency,
                amount_min=lo,
                amount_max=hi,
                period=period,
                role=_role(text, start),
                monthly_usd=monthly_usd,
                monthly_idr=monthly_usd / idr_rate if idr_rate else 0.0,
            )
        )
    return found

"""Turns the raw aggregates into labelled tables, applying small-cell suppression.

Each table is a JSON-ready dict: ``key``, ``title``, ``note``, ``columns`` (``key`` and
``label``), ``rows`` (lists of cells in column order), ``total`` (a row or None) and ``chart``
(the key of the column drawn as bars, or None). The page, the API, the CSV/XLSX exports and
the annual report all render these same tables.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from waspada import regions
from waspada.cases import reference as case_reference
from waspada.referrals.models import ReferralStatus
from waspada.reports.protection import protect
from waspada.reports.public_reports import report_tables
from waspada.reports.scope import DashboardFilters, Scope
from waspada.reports.selectors import AGE_BANDS, AGE_OVER, AGE_UNKNOWN, Raw
from waspada.reports.suppression import K, derived, people

SEX_ORDER = ("female", "male", "other", "unknown")
# A monthly cell of a year with fewer than 11 people (when suppressing): not a number, so
# ``protection`` draws no relation through it.
NOT_BY_MONTH = "–"


def not_by_month_note() -> str:
    return _("–: tahun dengan kurang dari 11 orang tidak dirinci per bulan.")


def _table(
    key: str,
    title: str,
    columns: list[tuple[str, str]],
    rows: list[list[Any]],
    *,
    total: list[Any] | None = None,
    chart: str | None = None,
    note: str = "",
) -> dict[str, Any]:
    return {
        "key": key,
        "title": title,
        "note": note,
        "columns": [{"key": k, "label": label} for k, label in columns],
        "rows": rows,
        "total": total,
        "chart": chart,
    }


def _share(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _prevention(raw: Raw, filters: DashboardFilters, suppress: bool) -> list[dict[str, Any]]:
    screening_rows, shared_rows = [], []
    sums = {"screened": 0, "flagged": 0}
    for year in filters.years:
        verdicts = raw.screening.get(year, {})
        screened = sum(verdicts.values())
        flagged = verdicts.get("high", 0) + verdicts.get("medium", 0)
        sums["screened"] += screened
        sums["flagged"] += flagged
        screening_rows.append([year, screened, flagged, _share(flagged, screened)])
        shared = raw.shared.get(year, {})
        shared_rows.append([year, *(shared.get(k, 0) for k in ("shared", "reviewed", "scam"))])
    reach_rows = [
        [
            row["province"],
            row["campaigns"],
            people(row["reached"], suppress=suppress),
            people(row["female"], suppress=suppress),
            people(row["male"], suppress=suppress),
        ]
        for row in raw.reach
    ]
    reach_total = [
        _("Jumlah"),
        sum(row["campaigns"] for row in raw.reach),
        *(
            people(sum(row[k] or 0 for row in raw.reach), suppress=suppress)
            for k in ("reached", "female", "male")
        ),
    ]
    return [
        _table(
            "screening",
            _("Lowongan yang diperiksa"),
            [
                ("year", _("Tahun")),
                ("screened", _("Diperiksa")),
                ("flagged", _("Ditandai (sedang + tinggi)")),
                ("flagged_pct", _("Ditandai (%)")),
            ],
            screening_rows,
            total=[
                _("Jumlah"),
                sums["screened"],
                sums["flagged"],
                _share(sums["flagged"], sums["screened"]),
            ],
            chart="screened",
            note=_("Teks, bukan orang: semua saluran Cek Lowongan dan API, seluruh Indonesia."),
        ),  # fmt: skip
        _table(
            "shared_texts",
            _("Teks yang dibagikan publik untuk ditinjau"),
            [
                ("year", _("Tahun")),
                ("shared", _("Dibagikan")),
                ("reviewed", _("Sudah ditinjau")),
                ("scam", _("Dilabeli penipuan")),
            ],
            shared_rows,
            chart="shared",
        ),  # fmt: skip
        _table(
            "campaign_reach",
            _("Jangkauan kampanye per provinsi"),
            [
                ("province", _("Provinsi")),
                ("campaigns", _("Kampanye")),
                ("reached", _("Orang terjangkau")),
                ("female", _("Perempuan")),
                ("male", _("Laki-laki")),
            ],
            reach_rows,
            total=reach_total if raw.reach else None,
            chart="reached",
            note=_("Menurut tahun mulai kampanye. Perempuan dan laki-laki hanya bila dicatat."),
        ),  # fmt: skip
    ]


def _counted(
    key: str, title: str, label: str, items: list[tuple[str, int]], suppress: bool, note: str = ""
) -> dict[str, Any]:
    rows = [[name, people(n, suppress=suppress)] for name, n in items]
    total = [_("Jumlah"), people(sum(n for _name, n in items), suppress=suppress)]
    return _table(
        key, title, [("label", label), ("people", _("Orang"))], rows,
        total=total if items else None, chart="people", note=note,
    )  # fmt: skip


def _victims(raw: Raw, filters: DashboardFilters, suppress: bool) -> list[dict[str, Any]]:
    year_rows = []
    for year in filters.years:
        counts = raw.cases_by_year.get(year, {})
        year_rows.append(
            [year, people(counts.get("registered", 0), suppress=suppress),
             people(counts.get("identified", 0), suppress=suppress)]
        )  # fmt: skip
    registered = sum(c["registered"] for c in raw.cases_by_year.values())
    identified = sum(c["identified"] for c in raw.cases_by_year.values())
    destinations = sorted(raw.by_destination.items(), key=lambda item: (-item[1], item[0]))
    sexes = sorted(
        raw.by_sex.items(),
        key=lambda item: SEX_ORDER.index(item[0]) if item[0] in SEX_ORDER else len(SEX_ORDER),
    )
    bands = [band for band, _top in AGE_BANDS] + [AGE_OVER, AGE_UNKNOWN]
    return [
        _table(
            "victims_by_year",
            _("Korban teridentifikasi per tahun"),
            [
                ("year", _("Tahun")),
                ("registered", _("Kasus didaftarkan")),
                ("identified", _("Korban atau terindikasi korban TPPO")),
            ],
            year_rows,
            total=[
                _("Jumlah"),
                people(registered, suppress=suppress),
                people(identified, suppress=suppress),
            ],
            chart="registered",
            note=_("Menurut tahun pendaftaran kasus (seperti di data CTDC)."),
        ),  # fmt: skip
        _counted(
            "victims_by_destination",
            _("Menurut negara tujuan"),
            _("Negara"),
            [
                (case_reference.country_name(c) if c else _("Tidak diketahui"), n)
                for c, n in destinations
            ],
            suppress,
        ),  # fmt: skip
        _counted(
            "victims_by_province",
            _("Menurut provinsi asal"),
            _("Provinsi"),
            [
                (regions.province_name(code) if code else _("Tidak diketahui"), n)
                for code, n in sorted(raw.by_province.items(), key=lambda i: (-i[1], i[0]))
            ],
            suppress,
            note=_("Dikelompokkan menurut kode provinsi Kemendagri."),
        ),  # fmt: skip
        _counted(
            "victims_by_sex",
            _("Menurut jenis kelamin"),
            _("Jenis kelamin"),
            [(case_reference.label("sex", s), n) for s, n in sexes],
            suppress,
        ),  # fmt: skip
        _counted(
            "victims_by_age",
            _("Menurut kelompok umur"),
            _("Umur (tahun)"),
            [
                (band if band != AGE_UNKNOWN else _("Tidak diketahui"), raw.by_age[band])
                for band in bands
                if band in raw.by_age
            ],
            suppress,
            note=_("Kelompok umur seperti di data CTDC, umur saat identifikasi."),
        ),  # fmt: skip
    ]


def _services(raw: Raw, suppress: bool) -> list[dict[str, Any]]:
    assistance_rows = [
        [case_reference.label("service_types", row["service_type"]),
         people(row["services"], suppress=suppress), people(row["people"], suppress=suppress)]
        for row in raw.assistance
    ]  # fmt: skip
    referral_rows = []
    answers = (ReferralStatus.PENDING, ReferralStatus.ACCEPTED, ReferralStatus.DECLINED)
    for status in (*answers, "answered"):
        entry = raw.referrals.get(status, {"n": 0, "median": None})
        label = ReferralStatus(status).label if status != "answered" else _("Semua yang dijawab")
        referral_rows.append(
            [str(label), people(entry["n"], suppress=suppress),
             derived(entry["median"], basis=entry["n"], suppress=suppress)]
        )  # fmt: skip
    return [
        _table(
            "assistance_by_type",
            _("Pendampingan yang diberikan menurut jenis layanan"),
            [
                ("service_type", _("Jenis layanan")),
                ("services", _("Layanan")),
                ("people", _("Orang")),
            ],
            assistance_rows,
            chart="services",
            note=_("Layanan berjalan atau selesai, menurut tanggal mulai."),
        ),  # fmt: skip
        _table(
            "referrals",
            _("Rujukan dan lama jawaban"),
            [
                ("status", _("Status")),
                ("referrals", _("Rujukan")),
                ("median_hours", _("Median lama jawaban (jam)")),
            ],
            referral_rows[:-1],
            total=referral_rows[-1],
            chart="referrals",
        ),  # fmt: skip
    ]


def _returns(raw: Raw, filters: DashboardFilters, suppress: bool) -> list[dict[str, Any]]:
    awaiting = sorted(raw.awaiting.items(), key=lambda item: (-item[1], item[0]))
    repatriated_rows = [
        [year, people(raw.repatriated.get(year, 0), suppress=suppress)] for year in filters.years
    ]
    return [
        _counted(
            "awaiting_repatriation",
            _("Menunggu pemulangan (saat ini)"),
            _("Negara"),
            [
                (case_reference.country_name(c) if c else _("Tidak diketahui"), n)
                for c, n in awaiting
            ],
            suppress,
            note=_("Pemulangan sudah dimulai tetapi belum berangkat; tidak dibatasi tahun."),
        ),  # fmt: skip
        _table(
            "repatriated_by_year",
            _("Dipulangkan per tahun"),
            [("year", _("Tahun")), ("people", _("Orang"))],
            repatriated_rows,
            total=[_("Jumlah"), people(sum(raw.repatriated.values()), suppress=suppress)],
            chart="people",
            note=_("Menurut tanggal tahap tiba di Indonesia, atau tanggal kembali ke rumah."),
        ),  # fmt: skip
    ]


def _prosecution(raw: Raw, filters: DashboardFilters, suppress: bool) -> list[dict[str, Any]]:
    stages = (
        ("reported", _("Dilaporkan")), ("investigated", _("Disidik")),
        ("prosecuted", _("Dituntut")), ("convicted", _("Dihukum")),
    )  # fmt: skip
    totals = {key: sum(row[key] for row in raw.funnel_by_year.values()) for key, _l in stages}
    funnel_rows = [[label, people(totals[key], suppress=suppress)] for key, label in stages]
    year_rows = []
    for year in filters.years:
        row = raw.funnel_by_year.get(year, {})
        year_rows.append(
            [year, *(people(row.get(key, 0), suppress=suppress) for key, _l in stages)]
        )
    r = raw.restitution
    restitution_rows = [
        [_("Diputus"), people(r["awarded_cases"], suppress=suppress),
         derived(r["awarded_idr"], basis=r["awarded_cases"], suppress=suppress)],
        [_("Dibayar"), people(r["paid_cases"], suppress=suppress),
         derived(r["paid_idr"], basis=r["paid_cases"], suppress=suppress)],
    ]  # fmt: skip
    note = _("Menurut tahun laporan polisi. Filter provinsi tidak berlaku untuk perkara hukum.")
    return [
        _table(
            "legal_funnel",
            _("Alur perkara hukum"),
            [("stage", _("Tahap")), ("legal_cases", _("Perkara"))],
            funnel_rows,
            chart="legal_cases",
            note=note,
        ),  # fmt: skip
        _table(
            "legal_by_year",
            _("Perkara dan putusan bersalah per tahun"),
            [("year", _("Tahun")), *stages],
            year_rows,
            chart="convicted",
        ),  # fmt: skip
        _table(
            "restitution",
            _("Restitusi diputus dan dibayar"),
            [
                ("measure", _("Restitusi")),
                ("legal_cases", _("Perkara")),
                ("amount_idr", _("Jumlah (Rp)")),
            ],
            restitution_rows,
            chart="amount_idr",
        ),  # fmt: skip
    ]


def _trend(
    key: str,
    title: str,
    columns: list[tuple[str, str]],
    counts: dict[tuple[int, int], dict[str, int]],
    filters: DashboardFilters,
    shown: Any,
    *,
    chart: str,
    note: str,
) -> dict[str, Any]:
    """A month-by-month table over the whole period (months without data show 0). ``periods``
    gives each row's (year, month), for the chart and for ``protection``."""
    periods = [[year, month] for year in filters.years for month in range(1, 13)]
    keys = [k for k, _label in columns[1:]]
    yearly = {
        (year, k): sum(counts.get((year, month), {}).get(k, 0) for month in range(1, 13))
        for year in filters.years for k in keys
    }  # fmt: skip
    rows = [
        [date_format(date(year, month, 1), "M Y"),
         *(shown(counts.get((year, month), {}).get(k, 0), yearly[(year, k)]) for k in keys)]
        for year, month in periods
    ]  # fmt: skip
    table = _table(key, title, columns, rows, chart=chart, note=note)
    if any(cell == NOT_BY_MONTH for row in rows for cell in row):
        table["note"] = " ".join([note, not_by_month_note()])
    table.update(trend=True, periods=periods)
    return table


def _trends(raw: Raw, filters: DashboardFilters, suppress: bool) -> list[dict[str, Any]]:
    """Monthly trends of the headline counts: texts screened, victims, legal cases."""

    def texts(n: int, _year: int) -> int:  # texts, not people: never suppressed
        return n

    def persons(n: int, year: int) -> int | str | None:
        # Months of a year with 1-10 people would narrow the year's "<11" (nine months "<11"
        # make it 9 or 10) and no count of 11 or more is left to hide: not shown by month.
        if suppress and 0 < year < K:
            return NOT_BY_MONTH
        return people(n, suppress=suppress)

    return [
        _trend(
            "screening_by_month",
            _("Lowongan yang diperiksa per bulan"),
            [("month", _("Bulan")), ("screened", _("Diperiksa")),
             ("flagged", _("Ditandai (sedang + tinggi)"))],
            raw.screening_by_month, filters, texts, chart="screened",
            note=_("Teks, bukan orang: semua saluran Cek Lowongan dan API, seluruh Indonesia."),
        ),
        _trend(
            "victims_by_month",
            _("Korban teridentifikasi per bulan"),
            [("month", _("Bulan")), ("registered", _("Kasus didaftarkan")),
             ("identified", _("Korban atau kemungkinan korban"))],
            raw.cases_by_month, filters, persons, chart="identified",
            note=_("Menurut bulan pendaftaran kasus."),
        ),
        _trend(
            "legal_by_month",
            _("Perkara hukum per bulan"),
            [("month", _("Bulan")), ("reported", _("Dilaporkan")), ("convicted", _("Dihukum"))],
            raw.legal_by_month, filters, persons, chart="reported",
            note=_("Menurut bulan laporan polisi."),
        ),
    ]  # fmt: skip


def build(raw: Raw, *, scope: Scope, filters: DashboardFilters, suppress: bool) -> dict[str, Any]:
    """The whole dashboard: filters, whether suppressed, and three sections of tables. When
    suppressing, complementary suppression (``protection``) follows the primary one."""
    trends = _trends(raw, filters, suppress)
    figures = {
        "filters": {
            "year_from": filters.year_from,
            "year_to": filters.year_to,
            "organisation": scope.organisation_id,
            "province": filters.province,
        },
        "suppressed": suppress,
        "sections": [
            {"key": "prevention", "title": _("Pencegahan"),
             "tables": [*_prevention(raw, filters, suppress),
                        *report_tables(raw.public_reports, filters, suppress), trends[0]]},
            {"key": "protection", "title": _("Perlindungan"),
             "tables": [*_victims(raw, filters, suppress), *_services(raw, suppress),
                        *_returns(raw, filters, suppress), trends[1]]},
            {"key": "prosecution", "title": _("Penegakan hukum"),
             "tables": [*_prosecution(raw, filters, suppress), trends[2]]},
        ],
    }  # fmt: skip
    if suppress:
        protect(figures)
    return figures


def find(figures: dict[str, Any], key: str) -> dict[str, Any]:
    """The table ``key`` of built figures; KeyError when there is none."""
    for section in figures["sections"]:
        for table in section["tables"]:
            if table["key"] == key:
                return table
    raise KeyError(key)


def table_rows(table: dict[str, Any]) -> list[list[Any]]:
    """Header, rows and total of a table as plain rows (for CSV, XLSX and PDF)."""
    rows = [[column["label"] for column in table["columns"]], *table["rows"]]
    if table["total"]:
        rows.append(table["total"])
    return rows

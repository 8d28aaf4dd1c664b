"""Waspada's one way of showing dates: "4 Des 2026" (id) / "4 Dec 2026" (en), with the time as
"4 Des 2026 14:05". Every page uses these through Django's localisation (``|date``, a date
rendered as is, ``formats.date_format``); inputs stay ISO (``<input type="date">``).
Settings not named here come from Django's own locale."""

DATE_FORMAT = "j M Y"
SHORT_DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j M Y H:i"
SHORT_DATETIME_FORMAT = "j M Y H:i"

"""A confirmation step before a delete, without JavaScript.

In a POST view that removes something, once the object is fetched and the permission checked:
``if (asked := ask_first(request, question)) is not None: return asked``. A post without
``confirmed=1`` answers with a page that says what will happen and posts the same fields again
with ``confirmed=1`` (the button "Ya, hapus"); only that second post goes ahead.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _


def _back(request: HttpRequest) -> str:
    referer = request.META.get("HTTP_REFERER", "")
    safe = url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return referer if referer and safe else "/"


def ask_first(
    request: HttpRequest, question: Any, *, button: Any = None, detail: Any = None
) -> HttpResponse | None:
    """The confirmation page when the post is not confirmed yet, else None (go ahead).
    Call it after the object was fetched and the permission checked."""
    if request.method != "POST" or request.POST.get("confirmed") == "1":
        return None
    hidden = [
        (name, value)
        for name in request.POST
        if name not in ("csrfmiddlewaretoken", "confirmed")
        for value in request.POST.getlist(name)
    ]
    return render(request, "ui/confirm.html", {
        "title": _("Konfirmasi"), "question": question,
        "details": [detail] if detail else [], "hidden": hidden,
        "action": request.path, "button": button or _("Ya, hapus"),
        "back": _back(request),
    })  # fmt: skip

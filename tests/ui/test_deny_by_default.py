"""Every route refuses anonymous visitors unless it is on the explicit public allow-list."""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from waspada.ui.public import PUBLIC_API, PUBLIC_VIEWS


def _walk(patterns, prefix: str = "", namespace: str = ""):  # type: ignore[no-untyped-def]
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace or ""
            child_ns = f"{namespace}:{ns}".strip(":") if ns else namespace
            yield from _walk(pattern.url_patterns, route, child_ns)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}".strip(":") if pattern.name else ""
            yield route, name


def _concrete(route: str) -> str:
    """Fill converters with plausible values so the route resolves."""
    route = route.lstrip("^").rstrip("$")
    route = re.sub(r"<int:[^>]+>", "1", route)
    route = re.sub(r"<(?:str|slug):[^>]+>|<[^:>]+>", "x", route)
    route = re.sub(r"\(\?P<[^>]+>[^)]*\)", "x", route)
    return "/" + route.replace("\\", "")


ROUTES = sorted(set(_walk(get_resolver().url_patterns)))
# (route, method) pairs of the API that are open without a token.
PUBLIC_API_ROUTES = {
    (route, method.lower()) for route, name in ROUTES for (public, method) in PUBLIC_API
    if name == public
}  # fmt: skip


def test_there_are_routes_to_check():
    names = {name for _, name in ROUTES}
    assert {"ui:dashboard", "administration:index", "api:me"} <= names
    assert PUBLIC_VIEWS <= names, "the allow-list names a route that does not exist"
    assert {name for name, _method in PUBLIC_API} <= names


@pytest.mark.parametrize(("route", "name"), ROUTES)
@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_access_is_refused_outside_the_allow_list(client, db, route, name, method):
    response = getattr(client, method)(_concrete(route))
    if name in PUBLIC_VIEWS:
        assert response.status_code != 401
        return
    if name == "api:api-root":
        # ninja's root only exists to build URLs and always answers 404.
        assert response.status_code == 404
    elif (route, method) in PUBLIC_API_ROUTES:
        assert response.status_code != 401, (route, method)
    elif route.startswith("api/"):
        assert response.status_code in (401, 405), (route, response.status_code)
        if response.status_code == 401:
            assert response.json() == {"detail": "Unauthorized"}
    else:
        assert response.status_code == 302, (route, response.status_code)
        assert response["Location"].startswith("/akun/login/")


def test_allow_list_is_exactly_the_expected_pages():
    assert PUBLIC_VIEWS == {
        "ui:home",
        "ui:health",
        "accounts:login",
        "set_language",
        "prevention:check",
        "lapor:index",
        "lapor:form",
        "lapor:status",
        "api:screen",
        "intel:public_check",
        "api:check_contact",
    }


def test_public_api_operations_are_exactly_the_expected_ones():
    assert PUBLIC_API == {
        ("api:screen", "POST"),
        ("api:check_contact", "GET"),
        ("api:public_report_submit", "POST"),
        ("api:public_report_status", "GET"),
        ("api:public_report_status", "POST"),
    }

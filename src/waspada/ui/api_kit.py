"""Toolkit of the JSON API, shared by every domain's ``api.py``.

One error schema (``ErrorOut``), one mapping of errors to answers (``install`` registers it on
the NinjaAPI once), bounded integer types, the JSON body parser and the pagination. Domain
apps import from here; this module imports no domain app.

Every error is answered as JSON ``{"detail": ..., "errors": {field: [messages]}}`` (``errors``
only where fields can be named), 500 included:

- a service's ``ValidationError`` is 400 and names the fields (``__all__`` for the request);
- a request that does not fit the documented shape (a type, a bound) is 422, naming the field;
- a body that is not JSON, has duplicate keys, or text with a NUL or an unpaired surrogate
  is 400 (such text in a query or form value is 422); a body sent as anything else than
  ``application/json`` is 415;
- ``PermissionDenied`` is 403, ``Http404`` 404, ``ConflictError`` (a stale version) 409.
"""

from __future__ import annotations

import json
import logging
import typing
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import partial
from typing import Annotated, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Field, NinjaAPI, Schema, Status
from ninja.errors import HttpError
from ninja.errors import ValidationError as ShapeError
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.parser import Parser

from waspada.validation import INT32_MAX, INT64_MAX, YEAR_MAX, YEAR_MIN, ConflictError

logger = logging.getLogger("waspada.api")

# A reference code in a path (``WSP-2026-7F3K9Q``, ``LGL-…``): anything else is 422.
Code = Annotated[str, Field(pattern=r"^[A-Za-z0-9-]{1,20}$")]
# Integers as the database stores them: anything larger is refused as a shape error (422).
Id = Annotated[int, Field(ge=1, le=INT64_MAX)]
Int64 = Annotated[int, Field(ge=-INT64_MAX, le=INT64_MAX)]
Version = Annotated[int, Field(ge=0, le=INT32_MAX)]
Year = Annotated[int, Field(ge=YEAR_MIN, le=YEAR_MAX)]

PAGE_DEFAULT, PAGE_MAX = 50, 200
OFFSET_MAX = 10**9  # far beyond any list: keeps the database's OFFSET in range


class ErrorOut(Schema):
    """Every error answer. ``detail`` says what went wrong; ``errors`` names the fields and
    their messages (400 and 422), ``__all__`` for the request as a whole."""

    detail: str
    errors: dict[str, list[str]] | None = None


def field_errors(
    exc: ValidationError, rename: Mapping[str, str] | None = None
) -> dict[str, list[str]]:
    """A service's ValidationError as messages per field, with the API's field names."""
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    rename = rename or {}
    return {rename.get(field, field): [str(m) for m in messages] for field, messages in
            errors.items()}  # fmt: skip


def invalid(
    exc: ValidationError,
    *,
    status: int = 400,
    rename: Mapping[str, str] | None = None,
    **extra: Any,
) -> Status:
    """The 400 answer for a service's ValidationError, for an endpoint that adds to it."""
    return Status(status, {"detail": "validation failed", "errors": field_errors(exc, rename),
                           **extra})  # fmt: skip


# --- The JSON body -----------------------------------------------------------------------


class BodyRefused(Exception):
    """The body cannot be read as the API's JSON: answered with ``status``."""

    def __init__(self, status: int, detail: str, errors: dict[str, list[str]] | None = None):
        super().__init__(detail)
        self.status, self.detail, self.errors = status, detail, errors


class _DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key, value in pairs:
        if key in data:
            raise _DuplicateKey(key)
        data[key] = value
    return data


UNSTORABLE = "text with a NUL character or an unpaired surrogate (cannot be stored)"


def _unstorable(text: str) -> bool:
    """A NUL (which PostgreSQL cannot store) or an unpaired surrogate (which no encoding and
    no encryption can take)."""
    return "\x00" in text or any("\ud800" <= char <= "\udfff" for char in text)


def _unstorable_paths(value: Any, path: str = "") -> Iterator[str]:
    """Where the parsed input holds text that cannot be stored."""
    if isinstance(value, str):
        if _unstorable(value):
            yield path or "__all__"
    elif isinstance(value, dict):
        for key, item in value.items():
            name = f"{path}.{key}" if path else str(key)
            if _unstorable(str(key)):
                yield name
            else:
                yield from _unstorable_paths(item, name)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _unstorable_paths(item, f"{path}.{index}" if path else str(index))


def _refuse_unstorable(data: Any, *, status: int = 400) -> None:
    bad = list(_unstorable_paths(data))
    if bad:
        errors = {path: [UNSTORABLE] for path in bad}
        raise BodyRefused(status, "Text that cannot be stored.", errors)


class JsonBodyParser(Parser):
    """Only ``application/json`` bodies, without duplicate keys; no text anywhere (body,
    query, form) with a NUL or an unpaired surrogate.

    A lone surrogate (``"\\ud800"``) is refused rather than replaced: silently changing
    what a caller sent about a person is worse than asking for it again."""

    def parse_querydict(
        self, data: Any, list_fields: list[str], request: HttpRequest
    ) -> dict[str, Any]:
        parsed = super().parse_querydict(data, list_fields, request)
        # A query or form value is a shape error (422, like a bad type); uploaded files are
        # not text and are left to their own checks.
        _refuse_unstorable(parsed, status=422)
        return parsed

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        # ninja re-parses each JSON field of a multipart form through a bare HttpRequest,
        # whose content type is None; a real request always has one (empty when not sent).
        content_type = request.content_type
        if content_type is not None and not (
            content_type == "application/json" or content_type.endswith("+json")
        ):
            raise BodyRefused(415, "Send the body as application/json.")
        try:
            data = json.loads(request.body, object_pairs_hook=_no_duplicates)
        except _DuplicateKey as exc:
            raise BodyRefused(
                400, "Duplicate key in the JSON body.", {exc.key: ["duplicate key"]}
            ) from exc
        except ValueError as exc:  # JSONDecodeError and UnicodeDecodeError
            raise BodyRefused(400, "The body is not valid JSON.") from exc
        _refuse_unstorable(data)
        return data


# --- The exception handlers ---------------------------------------------------------------


def _answer(api: NinjaAPI, request: HttpRequest, status: int, detail: str,
            errors: dict[str, list[str]] | None = None) -> HttpResponse:  # fmt: skip
    body: dict[str, Any] = {"detail": detail}
    if errors is not None:
        body["errors"] = errors
    return api.create_response(request, body, status=status)


def _shape_field(loc: Sequence[Any]) -> str:
    """``("body", "payload", "partners", 0)`` → ``partners.0``; ``("query", "year")`` →
    ``year``. The source and the body parameter's own name are left out."""
    parts = [str(part) for part in loc]
    if parts and parts[0] in ("body", "query", "path", "form", "file", "header", "cookie"):
        source, parts = parts[0], parts[1:]
        if source == "body" and len(parts) > 1:
            parts = parts[1:]
    return ".".join(parts) or "__all__"


def _on_shape_error(api: NinjaAPI, request: HttpRequest, exc: ShapeError) -> HttpResponse:
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        errors.setdefault(_shape_field(error.get("loc", ())), []).append(str(error.get("msg")))
    return _answer(api, request, 422, "The request does not fit the documented shape.", errors)


def _on_http_error(api: NinjaAPI, request: HttpRequest, exc: HttpError) -> HttpResponse:
    cause = exc.__cause__
    if isinstance(cause, BodyRefused):  # ninja wraps every parser error in a 400
        return _answer(api, request, cause.status, cause.detail, cause.errors)
    return _answer(api, request, exc.status_code, str(exc))


def _on_server_error(api: NinjaAPI, request: HttpRequest, exc: Exception) -> HttpResponse:
    # The exception type and the route only: messages and values may hold personal data.
    logger.error(
        "API error on %s %s", request.method, getattr(request.resolver_match, "route", "?"),
        exc_info=exc,
    )  # fmt: skip
    return _answer(api, request, 500, "Internal server error.")


def install(api: NinjaAPI) -> None:
    """Register the one mapping of errors to JSON answers on ``api``."""

    def handler(func: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        return partial(func, api)

    api.parser = JsonBodyParser()
    api.add_exception_handler(
        ValidationError,
        handler(lambda a, r, e: _answer(a, r, 400, "validation failed", field_errors(e))),
    )
    api.add_exception_handler(
        PermissionDenied,
        handler(lambda a, r, e: _answer(a, r, 403, str(e) or "You may not do this.")),
    )
    api.add_exception_handler(Http404, handler(lambda a, r, e: _answer(a, r, 404, "Not found.")))
    api.add_exception_handler(
        ConflictError,
        handler(lambda a, r, e: _answer(a, r, 409, str(e) or "Changed since it was read.")),
    )
    api.add_exception_handler(ShapeError, handler(_on_shape_error))
    api.add_exception_handler(
        BodyRefused, handler(lambda a, r, e: _answer(a, r, e.status, e.detail, e.errors))
    )
    api.add_exception_handler(HttpError, handler(_on_http_error))
    api.add_exception_handler(Exception, handler(_on_server_error))


# --- The documentation -------------------------------------------------------------------

_COMMON = {
    "401": "No valid Bearer token.",
    "404": "Not found, or outside the caller's scope.",
    "415": "The body was not sent as application/json.",
    "422": "The request does not fit the documented shape (types, bounds).",
    "500": "Internal server error (answered as JSON too).",
}


def document_errors(schema: dict[str, Any]) -> dict[str, Any]:
    """Add to every operation of an OpenAPI ``schema`` the error answers any operation may
    give through ``install`` (each with ``ErrorOut``): 401 when it needs a token, 404 when
    its path names something, 400 and 415 when it takes a JSON body, 422 when it takes any
    input, and 500."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components.setdefault(
        "ErrorOut", ErrorOut.model_json_schema(ref_template="#/components/schemas/{model}")
    )
    reference = {"content": {"application/json": {"schema": {
        "$ref": "#/components/schemas/ErrorOut"}}}}  # fmt: skip
    for path, operations in schema.get("paths", {}).items():
        for operation in operations.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            codes = ["500"]
            if operation.get("security"):
                codes.append("401")
            if "{" in path:
                codes.append("404")
            body = operation.get("requestBody", {}).get("content", {})
            if "application/json" in body:
                codes += ["400", "415"]
            if body or operation.get("parameters"):
                codes.append("422")
            # django-ninja keys its own answers by int (400), these by str ("400"): both
            # would be written as "400", a duplicated key strict JSON/YAML parsers refuse.
            documented = {str(key) for key in operation["responses"]}
            for code in codes:
                if code in documented:
                    continue
                description = _COMMON.get(code, "The body is not valid JSON.")
                operation["responses"][code] = {"description": description, **reference}
    return schema


# --- Pagination ---------------------------------------------------------------------------


class Paginated(LimitOffsetPagination):
    """``?limit=`` (1–200, default 50) and ``?offset=`` (from 0); the answer is
    ``{"count": total, "results": [...]}``."""

    items_attribute = "results"

    class Input(Schema):
        limit: int = Field(PAGE_DEFAULT, ge=1, le=PAGE_MAX)
        offset: int = Field(0, ge=0, le=OFFSET_MAX)

    class Output(Schema):
        count: int
        results: list[Any]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_limit=PAGE_MAX, **kwargs)


class Mapped:
    """A queryset whose page is turned into answers by ``convert`` (only the rows shown)."""

    def __init__(self, queryset: QuerySet[Any], convert: Callable[[Any], Any]) -> None:
        self.queryset, self.convert = queryset, convert

    def __len__(self) -> int:
        return self.queryset.count()

    def __getitem__(self, page: slice) -> list[Any]:
        return [self.convert(row) for row in self.queryset[page]]


def paginated(view: Callable[..., Any]) -> Callable[..., Any]:
    """ninja's pagination with ``Paginated`` for a view that returns a queryset (or a
    ``Mapped`` one), declared with ``response=list[ItemOut]``."""
    # ninja reads the wrapper's annotations in its own module: hand it resolved ones.
    view.__annotations__ = typing.get_type_hints(view, include_extras=True)
    return paginate(Paginated)(view)

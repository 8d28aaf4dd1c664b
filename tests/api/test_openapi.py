"""The OpenAPI document: one name per schema, the documented bodies are the accepted ones,
and every error answer is documented with the one error schema."""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from typing import Any

import pytest
from pydantic import BaseModel

from waspada.accounts.roles import Role
from waspada.accounts.services import token_create
from waspada.api.api import api


def _operations() -> Iterator[tuple[str, str, Any]]:
    for prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                for method in operation.methods:
                    yield f"/api/v1{prefix}{path}", method.lower(), operation


def _models(annotation: Any) -> Iterator[type[BaseModel]]:
    """Every pydantic model an annotation names, nested ones included."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
        for field in annotation.model_fields.values():
            yield from _models(field.annotation)
    elif isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is not None:
        for argument in typing.get_args(annotation):
            yield from _models(argument)


def _schemas_by_name() -> dict[str, set[type[BaseModel]]]:
    names: dict[str, set[type[BaseModel]]] = {}
    for _path, _method, operation in _operations():
        annotations = [
            field.annotation for model in operation.models for field in model.model_fields.values()
        ]
        annotations += [
            response.__annotations__["response"]
            for response in operation.response_models.values()
            if response
        ]
        for annotation in annotations:
            for model in _models(annotation):
                names.setdefault(model.__name__, set()).add(model)
    return names


def _body(operation: Any) -> type[BaseModel] | None:
    for model in operation.models:
        if model.__ninja_param_source__ == "body":
            (field,) = model.model_fields.values()
            return next(_models(field.annotation))  # the model of an optional body too
    return None


@pytest.fixture
def openapi(client, make_user) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    token = token_create(user=make_user("sup", Role.SUPERVISOR))
    response = client.get("/api/v1/openapi.json", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200
    return response.json()  # type: ignore[no-any-return]


def test_every_schema_name_is_one_schema():
    shared = {name: sorted(f"{m.__module__}.{m.__qualname__}" for m in models)
              for name, models in _schemas_by_name().items() if len(models) > 1}  # fmt: skip
    assert shared == {}


def test_every_documented_request_body_is_the_accepted_one(openapi):
    components = openapi["components"]["schemas"]
    checked = 0
    for path, method, operation in _operations():
        body = _body(operation)
        if body is None:
            continue
        documented = openapi["paths"][path][method]["requestBody"]["content"]
        schema = documented["application/json"]["schema"]
        refs = [schema] if "$ref" in schema else schema["anyOf"]  # an optional body
        (name,) = [s["$ref"].rsplit("/", 1)[-1] for s in refs if "$ref" in s]
        assert name == body.__name__, (method, path)
        assert set(components[name]["properties"]) == set(body.model_fields), (method, path)
        checked += 1
    assert checked >= 20


def test_repatriation_stage_body_is_documented_as_the_repatriation_one(openapi):
    path = openapi["paths"]["/api/v1/cases/{code}/repatriation/stages"]["post"]
    ref = path["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    properties = openapi["components"]["schemas"][ref.rsplit("/", 1)[-1]]["properties"]
    assert {"stage", "reached_on", "cost_idr", "cost_payer"} <= set(properties)
    assert "to_stage" not in properties


def test_every_error_answer_is_documented_with_the_error_schema(openapi):
    refs = set()
    for path, operations in openapi["paths"].items():
        for method, operation in operations.items():
            assert "500" in operation["responses"], (method, path)
            if operation.get("parameters") or operation.get("requestBody"):
                assert "422" in operation["responses"], (method, path)
            for code, response in operation["responses"].items():
                if code.startswith(("4", "5")):
                    schema = response["content"]["application/json"]["schema"]
                    refs.add(schema["$ref"].rsplit("/", 1)[-1])
    assert refs <= {"ErrorOut", "StageRefusedOut"}

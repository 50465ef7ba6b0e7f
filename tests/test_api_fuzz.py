"""Schemathesis fuzzes the API from its own OpenAPI schema: no input may cause a server error."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from conflictmap.wsgi import application
from tests.factories import make_claim

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)


@pytest.fixture
def some_claims(db):
    for _ in range(3):
        make_claim()


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_no_input_causes_a_server_error(case, some_claims):
    response = case.call()
    case.validate_response(response, checks=[schemathesis.checks.not_a_server_error])

"""Schemathesis fuzzes the API from its own OpenAPI schema: no input may cause a server error."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from conflictmap.wsgi import application
from tests.factories import make_claim

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)


@pytest.fixture
def some_claims(db):
    for _ in range(3):
        make_claim()


@pytest.fixture
def keep_test_connection():
    """Keep the test's database connection open across WSGI calls, as Django's test client does.

    A WSGI request ends with close_old_connections; on PostgreSQL that would close the
    connection holding the test's transaction.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_no_input_causes_a_server_error(case, some_claims, keep_test_connection):
    response = case.call()
    case.validate_response(response, checks=[schemathesis.checks.not_a_server_error])

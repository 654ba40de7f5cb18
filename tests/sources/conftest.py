"""Shared fixtures for source tests: one polite client with a short timeout."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from newsroom.sources.http import make_client


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    c = make_client(contact="newsroom@lindeveld.example", timeout_s=2.0)
    yield c
    c.close()

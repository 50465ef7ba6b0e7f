"""Reading test-client responses, streamed or not."""

from __future__ import annotations

import json
from typing import Any


def body_bytes(response) -> bytes:
    """Return the whole body of a response, joining a streamed one."""
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def body_json(response) -> Any:
    """Return the decoded JSON body of a response, streamed or not."""
    return json.loads(body_bytes(response))

"""The page's Content-Security-Policy: nothing but its own inline style and script.

The policy names each by the sha256 of its exact text, so a `<script>` or `style`
attribute smuggled in by a claims file would not run even if escaping ever failed;
no request may leave the page (default-src 'none').
"""

from __future__ import annotations

import base64
import hashlib


def source_hash(code: str) -> str:
    """The CSP hash source of an inline element's text: `'sha256-…'` of its UTF-8 bytes."""
    digest = hashlib.sha256(code.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy(style: str, script: str) -> str:
    """The policy allowing exactly the inline `style` and `script` given, and nothing else."""
    return "; ".join(
        [
            "default-src 'none'",
            f"script-src {source_hash(script)}",
            f"style-src {source_hash(style)}",
            "img-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )

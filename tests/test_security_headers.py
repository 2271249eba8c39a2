"""Headers that keep a page safe to use from home: no foreign script, no framing, no sniffing."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_pages_allow_only_our_own_scripts_and_forbid_framing(client):
    response = client.get(reverse("login"))
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-eval" not in policy
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"

"""The confirmation step before a delete: a page (no JavaScript) that posts the same fields
again with ``confirmed=1``; only that second post goes ahead."""

from __future__ import annotations

from django.test import RequestFactory

from waspada.confirm import ask_first


def test_an_unconfirmed_post_gets_the_question_with_the_fields_carried(rf: RequestFactory):
    request = rf.post("/x/hapus/", {"reason": "selesai", "csrfmiddlewaretoken": "t"},
                      HTTP_REFERER="http://testserver/x/")  # fmt: skip
    asked = ask_first(request, "Hapus ini?")
    assert asked is not None and asked.status_code == 200
    page = asked.content.decode()
    assert "Hapus ini?" in page and 'action="/x/hapus/"' in page
    assert 'name="reason" value="selesai"' in page and 'name="confirmed" value="1"' in page
    assert 'href="http://testserver/x/"' in page  # "Batal" goes back where the user was
    assert 'value="t"' not in page  # the old token is not copied (the page has its own)


def test_a_confirmed_post_goes_ahead_and_a_foreign_referer_is_not_followed(rf: RequestFactory):
    assert ask_first(rf.post("/x/", {"confirmed": "1"}), "Hapus ini?") is None
    asked = ask_first(rf.post("/x/", HTTP_REFERER="https://evil.example/"), "Hapus ini?")
    assert asked is not None and 'href="/"' in asked.content.decode()

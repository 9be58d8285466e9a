"""Editors attach experiences to village pages in Wagtail's admin."""

from django.contrib.auth import get_user_model

import pytest

from tests.villages.conftest import publish
from villages.models import VillageIndexPage, VillagePage

pytestmark = pytest.mark.django_db


def test_an_editor_moves_an_experience_to_another_village(client, village):
    admin = get_user_model().objects.create_superuser(
        username="editor", email="editor@otop.example", password="x"
    )
    client.force_login(admin)
    index = VillageIndexPage.objects.get(locale__language_code="th")
    other = publish(
        index,
        VillagePage(title="บ้านออนใต้", slug="บ้านออนใต้", tambon=village.page.tambon),
        title="Ban On Tai",
        slug="ban-on-tai",
    )
    workshop = village.workshop

    listing = client.get("/cms/village_experiences/")
    edit = client.get(f"/cms/village_experiences/edit/{workshop.pk}/")
    response = client.post(
        f"/cms/village_experiences/edit/{workshop.pk}/",
        {
            "product": workshop.product_id,
            "village_page": other.pk,
            "meeting_point": "ลานวัดออนใต้",
            "meeting_point_en": "On Tai temple yard",
            "cancellation_hours": 24,
        },
    )

    assert listing.status_code == 200 and "เวิร์กช็อปทอผ้าไหมกับแม่ครู" in (
        listing.content.decode()
    )
    assert edit.status_code == 200
    assert response.status_code == 302, response.content.decode()[:3000]
    workshop.refresh_from_db()
    assert workshop.village_page_id == other.pk
    assert (workshop.meeting_point, workshop.cancellation_hours) == ("ลานวัดออนใต้", 24)

"""A producer applies online; staff approve (which registers it and opens its dashboard)
or reject with a reason. Producers never get a Wagtail admin account."""

from django.test import Client

import pytest

from catalogue.producers.membership import join_producer
from catalogue.producers.models import ProducerApplication
from catalogue.register import Producer

from .shop import form_data, make_user, on_tai

APPLICATION = {
    "kind": "community_group",
    "name_th": "กลุ่มจักสานไม้ไผ่บ้านออนใต้",
    "name_en": "Ban On Tai Bamboo Weavers",
    "members": "14",
    "village_name": "บ้านออนใต้",
    "moo": "3",
    "tambon_name": "ออนใต้",
    "district": "อำเภอสันกำแพง",
    "province": "เชียงใหม่",
    "contact_name": "นางบัวผัน ใจงาม",
    "phone": "081-234-5678",
    "email": "",
    "products": "ตะกร้าและกระติ๊บข้าวเหนียวจากไม้ไผ่",
}


@pytest.fixture
def applicant(db):
    on_tai()
    return make_user("buaphan@example.com")


@pytest.fixture
def applicant_client(applicant):
    client = Client()
    client.force_login(applicant)
    return client


def test_applying_needs_an_account(client, db):
    response = client.get("/th/producers/apply/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_an_application_is_sent_with_the_form_fields(applicant_client, applicant):
    response = applicant_client.post("/th/producers/apply/", APPLICATION)
    assert response.status_code == 302
    application = ProducerApplication.objects.get()
    assert application.applicant == applicant
    assert application.tambon.code == "501306"
    assert (application.members, application.moo) == (14, 3)
    assert application.status == ProducerApplication.Status.PENDING
    page = applicant_client.get("/th/producers/application/").content.decode()
    assert "กลุ่มจักสานไม้ไผ่บ้านออนใต้" in page
    # One pending application at a time.
    assert applicant_client.get("/th/producers/apply/").status_code == 302


def test_an_unknown_tambon_is_a_clear_form_error(applicant_client):
    response = applicant_client.post(
        "/th/producers/apply/", {**APPLICATION, "tambon_name": "ไม่มีจริง"}
    )
    assert response.status_code == 200
    assert "ไม่พบตำบลไม่มีจริง ใน อำเภอสันกำแพง เชียงใหม่" in response.content.decode()
    assert not ProducerApplication.objects.exists()
    # What was typed is kept.
    assert form_data(response)["products"] == APPLICATION["products"]


def test_approval_registers_the_producer_and_opens_its_dashboard(
    applicant_client, applicant, staff_client
):
    applicant_client.post("/th/producers/apply/", APPLICATION)
    application = ProducerApplication.objects.get()
    assert applicant_client.get("/th/dashboard/").status_code == 403

    url = f"/th/dashboard/review/applications/{application.pk}/"
    response = staff_client.post(
        url,
        {
            "decision": "approve",
            "registration_number": "OTOP-50-009999",
            "expires_on": "",
        },
    )
    assert response.status_code == 302

    producer = Producer.objects.get(registration_number="OTOP-50-009999")
    assert (producer.name_th, producer.kind, producer.tambon_id) == (
        "กลุ่มจักสานไม้ไผ่บ้านออนใต้",
        "community_group",
        "501306",
    )
    assert producer.is_registered
    assert list(producer.partner.users.all()) == [applicant]
    application.refresh_from_db()
    assert application.producer == producer
    assert application.status == ProducerApplication.Status.APPROVED

    applicant.refresh_from_db()
    assert not applicant.is_staff
    assert applicant_client.get("/th/dashboard/").status_code == 200
    assert applicant_client.get("/th/dashboard/catalogue/").status_code == 200
    # Producers have no Wagtail admin account.
    assert not applicant.has_perm("wagtailadmin.access_admin")
    response = applicant_client.get("/cms/")
    assert response.status_code == 302 and "/cms/login/" in response["Location"]


def test_a_taken_registration_number_is_refused(
    applicant_client, staff_client, producer_b
):
    applicant_client.post("/th/producers/apply/", APPLICATION)
    application = ProducerApplication.objects.get()
    response = staff_client.post(
        f"/th/dashboard/review/applications/{application.pk}/",
        {
            "decision": "approve",
            "registration_number": producer_b[0].registration_number,
        },
    )
    assert response.status_code == 200
    assert "มีอยู่ในทะเบียนแล้ว" in response.content.decode()
    application.refresh_from_db()
    assert application.status == ProducerApplication.Status.PENDING


def test_rejection_needs_a_reason_which_the_applicant_reads(
    applicant_client, staff_client
):
    applicant_client.post("/th/producers/apply/", APPLICATION)
    application = ProducerApplication.objects.get()
    url = f"/th/dashboard/review/applications/{application.pk}/"
    assert staff_client.post(url, {"decision": "reject"}).status_code == 200
    application.refresh_from_db()
    assert application.status == ProducerApplication.Status.PENDING

    staff_client.post(url, {"decision": "reject", "reason": "ยังไม่ได้จดทะเบียนกลุ่มกับอำเภอ"})
    application.refresh_from_db()
    assert application.status == ProducerApplication.Status.REJECTED
    assert not Producer.objects.exists()
    page = applicant_client.get("/th/producers/application/").content.decode()
    assert "ยังไม่ได้จดทะเบียนกลุ่มกับอำเภอ" in page


def test_several_accounts_work_for_one_community_group(producer_a, a_product):
    second_member = make_user("member2@otop.example")
    join_producer(second_member, producer_a[0])
    client = Client()
    client.force_login(second_member)
    page = client.get("/th/dashboard/catalogue/").content.decode()
    assert "ผ้าไหมมัดหมี่" in page
    assert (
        client.get(f"/th/dashboard/catalogue/products/{a_product.pk}/").status_code
        == 200
    )


def test_a_producer_cannot_open_the_review_desk_or_decide(client_a, applicant_client):
    applicant_client.post("/th/producers/apply/", APPLICATION)
    application = ProducerApplication.objects.get()
    response = client_a.post(
        f"/th/dashboard/review/applications/{application.pk}/",
        {"decision": "approve", "registration_number": "OTOP-50-000777"},
    )
    assert response.status_code == 403
    application.refresh_from_db()
    assert application.status == ProducerApplication.Status.PENDING

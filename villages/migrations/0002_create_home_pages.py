"""Replace Wagtail's welcome page with the Thai home page and its English translation."""

import uuid

from django.db import migrations

TITLES = {"th": "หนึ่งตำบล หนึ่งผลิตภัณฑ์", "en": "One Tambon One Product"}


def create_home_pages(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Locale = apps.get_model("wagtailcore.Locale")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("villages.HomePage")

    Page.objects.filter(
        content_type__app_label="wagtailcore", content_type__model="page", depth=2
    ).delete()
    content_type, _ = ContentType.objects.get_or_create(
        app_label="villages", model="homepage"
    )
    translation_key = uuid.uuid4()
    homes = {}
    for position, code in enumerate(("th", "en"), start=1):
        locale, _ = Locale.objects.get_or_create(language_code=code)
        homes[code] = HomePage.objects.create(
            title=TITLES[code],
            draft_title=TITLES[code],
            slug="home" if code == "th" else "home-en",
            content_type=content_type,
            path=f"0001{position:04d}",
            depth=2,
            numchild=0,
            url_path=f"/{'home' if code == 'th' else 'home-en'}/",
            locale=locale,
            translation_key=translation_key,
            live=True,
        )
    Page.objects.filter(depth=1).update(numchild=2)
    Site.objects.all().delete()
    Site.objects.create(
        hostname="localhost",
        port=80,
        root_page=homes["th"],
        is_default_site=True,
        site_name="OTOP",
    )


def remove_home_pages(apps, schema_editor):
    apps.get_model("villages.HomePage").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("villages", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_home_pages, remove_home_pages)]

from django.urls import include, path, re_path

import oscar.apps.catalogue.apps as apps

from .slugs import SLUG_PATTERN

SLUG = SLUG_PATTERN.replace("+", "*")


class CatalogueConfig(apps.CatalogueConfig):
    name = "catalogue"

    def ready(self):
        super().ready()
        from django.db.models.signals import post_delete, post_save

        from . import content_version, stock_movements
        from .menu import forget_menu_categories

        content_version.connect()
        stock_movements.connect()

        for signal in (post_save, post_delete):
            signal.connect(
                forget_menu_categories,
                sender=self.get_model("Category"),
                dispatch_uid=f"otop-menu-categories-{signal is post_save}",
            )

    def get_urls(self):
        # Oscar's own patterns use [\w-], which cannot match a Thai slug.
        # Primary keys of at most 18 digits: a longer number overflows SQLite's integers
        # in the lookups Oscar's review list makes (a 500); now it is a 404.
        urls = [
            path("", self.catalogue_view.as_view(), name="index"),
            re_path(
                rf"^(?P<product_slug>{SLUG})_(?P<pk>\d{{1,18}})/$",
                self.detail_view.as_view(),
                name="detail",
            ),
            re_path(
                rf"^category/(?P<category_slug>{SLUG}(/{SLUG})*)_(?P<pk>\d{{1,18}})/$",
                self.category_view.as_view(),
                name="category",
            ),
            re_path(
                r"^ranges/(?P<slug>[\w-]+)/$", self.range_view.as_view(), name="range"
            ),
            re_path(
                rf"^(?P<product_slug>{SLUG})_(?P<product_pk>\d{{1,18}})/reviews/",
                include(self.reviews_app.urls[0]),
            ),
        ]
        return self.post_process_urls(urls)

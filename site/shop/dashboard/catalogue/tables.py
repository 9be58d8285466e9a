"""Oscar's product table, with titles in the visitor's language."""

from django.utils.translation import gettext_lazy as _

from oscar.apps.dashboard.catalogue import tables as oscar_tables

from django_tables2 import A, TemplateColumn


class ProductTable(oscar_tables.ProductTable):
    title = TemplateColumn(
        verbose_name=_("Product name"),
        template_name="oscar/dashboard/catalogue/product_row_title.html",
        order_by="title",
        accessor=A("get_title"),
    )

    class Meta(oscar_tables.ProductTable.Meta):
        pass

"""Thailand's administrative geography: region, province, district, tambon (DOPA codes).

The tables keep the names they had when these models lived in `villages`
(`villages_region` …): the move to this app changed no table (see migrations/0001).
"""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class BilingualName(models.Model):
    """Thai and English names, shown in the visitor's language."""

    name_th = models.CharField(_("name (Thai)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        if (get_language() or "th").startswith("en") and self.name_en:
            return self.name_en
        return self.name_th


class Region(BilingualName):
    """One of the six regions of the National Geographical Committee's scheme."""

    code = models.SlugField(primary_key=True, max_length=16)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        db_table = "villages_region"
        ordering = ["sort_order"]
        verbose_name = _("region")


class Province(BilingualName):
    """A changwat, keyed by its two-digit DOPA code."""

    code = models.CharField(primary_key=True, max_length=2)
    region = models.ForeignKey(Region, models.PROTECT, related_name="provinces")

    class Meta:
        db_table = "villages_province"
        ordering = ["name_en"]
        verbose_name = _("province")


class District(BilingualName):
    """An amphoe (khet in Bangkok), keyed by its four-digit DOPA code."""

    code = models.CharField(primary_key=True, max_length=4)
    province = models.ForeignKey(Province, models.PROTECT, related_name="districts")

    class Meta:
        db_table = "villages_district"
        ordering = ["name_en"]
        verbose_name = _("district")


class Tambon(BilingualName):
    """A tambon (khwaeng in Bangkok), keyed by its six-digit DOPA code."""

    code = models.CharField(primary_key=True, max_length=6)
    district = models.ForeignKey(District, models.PROTECT, related_name="tambons")
    # 160 tambons are served by more than one post office.
    postcodes = models.JSONField(default=list)

    class Meta:
        db_table = "villages_tambon"
        ordering = ["name_en"]
        verbose_name = _("tambon")

    @property
    def province(self) -> Province:
        return self.district.province

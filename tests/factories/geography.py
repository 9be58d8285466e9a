"""Small slices of Thailand's geography for tests.

Most tests need a tambon for a producer, not all 7,436 of them: `TambonFactory` makes
one Chiang Mai tambon and the places above it; `load_provinces()` loads the real
geography (geothai) of a few provinces. The whole load is tested on its own
(tests/places/test_loader.py).
"""

import factory

from places.loader import load_geography
from places.models import District, Province, Region, Tambon

CHIANG_MAI, UBON_RATCHATHANI, BANGKOK = "50", "34", "10"


def load_provinces(*codes: str) -> None:
    """The six regions and the given provinces with all their districts and tambons."""
    load_geography(province_codes=codes)


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = "north"
    name_en = "North"
    name_th = "ภาคเหนือ"
    sort_order = 0


class ProvinceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Province
        django_get_or_create = ("code",)

    code = "50"
    name_en = "Chiang Mai"
    name_th = "เชียงใหม่"
    region = factory.SubFactory(RegionFactory)


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District
        django_get_or_create = ("code",)

    code = "5001"
    name_en = "Mueang Chiang Mai"
    name_th = "เมืองเชียงใหม่"
    province = factory.SubFactory(ProvinceFactory)


class TambonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tambon
        django_get_or_create = ("code",)

    code = "500101"
    name_en = "Si Phum"
    name_th = "ศรีภูมิ"
    district = factory.SubFactory(DistrictFactory)
    postcodes = factory.LazyFunction(lambda: ["50200"])

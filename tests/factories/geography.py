"""A small slice of Thailand's geography: one Chiang Mai tambon and the places above it.

Most tests need a tambon for a producer, not all 7,436 of them; `load_geography()` is
tested on its own (tests/villages/test_geography.py).
"""

import factory

from places.models import District, Province, Region, Tambon


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

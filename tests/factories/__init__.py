from .catalogue import (
    INELIGIBLE_VARIANTS,
    OFFICIAL_CATEGORIES,
    CategoryFactory,
    ChildProductFactory,
    EligibleProductFactory,
    OpcRatingFactory,
    ParentProductFactory,
    ProducerFactory,
    ProductClassFactory,
    ProductFactory,
    StockRecordFactory,
    make_ineligible_product,
)
from .customer import UserFactory
from .geography import DistrictFactory, ProvinceFactory, RegionFactory, TambonFactory

__all__ = [
    "INELIGIBLE_VARIANTS",
    "OFFICIAL_CATEGORIES",
    "CategoryFactory",
    "ChildProductFactory",
    "DistrictFactory",
    "EligibleProductFactory",
    "OpcRatingFactory",
    "ParentProductFactory",
    "ProducerFactory",
    "ProductClassFactory",
    "ProductFactory",
    "ProvinceFactory",
    "RegionFactory",
    "StockRecordFactory",
    "TambonFactory",
    "UserFactory",
    "make_ineligible_product",
]

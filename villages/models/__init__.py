"""Places (regions down to tambons) and the Wagtail pages that tell their stories."""

from .fairs import FairIndexPage, FairPage, FairParticipant
from .geography import District, Province, Region, Tambon
from .kbo import KboIndexPage, KboMember, KboNetworkPage
from .pages import HomeFeaturedProduct, HomeFeaturedVillage, HomePage
from .stories import ProducerStoryPage, StoryIndexPage
from .villages import (
    VillageIndexPage,
    VillageOffering,
    VillagePage,
    VillageProducer,
    VillageProduct,
)

__all__ = [
    "District",
    "FairIndexPage",
    "FairPage",
    "FairParticipant",
    "HomeFeaturedProduct",
    "HomeFeaturedVillage",
    "HomePage",
    "KboIndexPage",
    "KboMember",
    "KboNetworkPage",
    "ProducerStoryPage",
    "Province",
    "Region",
    "StoryIndexPage",
    "Tambon",
    "VillageIndexPage",
    "VillageOffering",
    "VillagePage",
    "VillageProducer",
    "VillageProduct",
]

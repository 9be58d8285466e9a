"""The Wagtail pages that tell the stories of villages, KBO networks, producers and fairs."""

from .fairs import FairIndexPage, FairPage, FairParticipant
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
    "StoryIndexPage",
    "VillageIndexPage",
    "VillageOffering",
    "VillagePage",
    "VillageProducer",
    "VillageProduct",
]

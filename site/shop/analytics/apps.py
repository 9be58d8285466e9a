import oscar.apps.analytics.apps as apps


class AnalyticsConfig(apps.AnalyticsConfig):
    name = "shop.analytics"

    def ready(self) -> None:
        # Oscar's ready() would import oscar.apps.analytics.receivers (its relative
        # import resolves to Oscar's package), whose counters run inside the request's
        # transaction. Ours run after commit; see receivers.py.
        from . import receivers  # noqa: F401

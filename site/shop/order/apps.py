import oscar.apps.order.apps as apps


class OrderConfig(apps.OrderConfig):
    name = "shop.order"

    def ready(self) -> None:
        super().ready()
        from shop.labels import translate_stored_names

        translate_stored_names()

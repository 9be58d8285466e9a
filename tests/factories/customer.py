from oscar.test import factories as oscar_factories

import factory


class UserFactory(oscar_factories.UserFactory):
    """Oscar's customer, with the password hashed before the single save."""

    class Meta:
        model = oscar_factories.UserFactory._meta.model
        skip_postgeneration_save = True

    password = factory.django.Password("skelebrain")

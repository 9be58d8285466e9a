from django.db.models import Q


def partner_product_visibility_q(user):
    """Products a non-staff user may see and change: those of the producers they work for.

    Oscar goes by stock records, which any partner could add to any product; ownership
    here is the product's required `producer` (a variant inherits its parent's).
    """
    return Q(producer__partner__users__pk=user.pk)

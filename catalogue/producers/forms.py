from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from catalogue.registry_import import RowError, TambonFinder
from places.models import Tambon

from .models import ProducerApplication


class ProducerApplicationForm(forms.ModelForm):
    """The OTOP registration form, online. The tambon is given by name, as on paper."""

    province = forms.CharField(label=_("Province"), max_length=120)
    district = forms.CharField(label=_("District"), max_length=120)
    tambon_name = forms.CharField(label=_("Tambon"), max_length=120)

    class Meta:
        model = ProducerApplication
        fields = [
            "kind",
            "name_th",
            "name_en",
            "members",
            "village_name",
            "moo",
            "contact_name",
            "phone",
            "email",
            "products",
        ]
        widgets = {"products": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "products": _("Your products, what they are made of and how."),
            "members": _("1 for a single owner."),
        }

    field_order = [
        "kind",
        "name_th",
        "name_en",
        "members",
        "village_name",
        "moo",
        "tambon_name",
        "district",
        "province",
        "contact_name",
        "phone",
        "email",
        "products",
    ]

    def clean(self):
        data = super().clean()
        if all(data.get(name) for name in ("province", "district", "tambon_name")):
            try:
                code = TambonFinder().find(
                    {
                        "province": data["province"],
                        "district": data["district"],
                        "tambon": data["tambon_name"],
                    }
                )
            except RowError:
                self.add_error(
                    "tambon_name",
                    _(
                        "No tambon %(tambon)s in %(district)s, %(province)s. Check the "
                        "spelling (Thai or English names)."
                    )
                    % {
                        "tambon": data["tambon_name"],
                        "district": data["district"],
                        "province": data["province"],
                    },
                )
            else:
                self.instance.tambon = Tambon.objects.get(code=code)
        return data

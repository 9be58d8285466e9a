"""Oscar's product formsets; a stock record formset posted without its forms."""

from oscar.apps.dashboard.catalogue import formsets as oscar_formsets
from oscar.apps.dashboard.catalogue.formsets import *  # noqa: F403


class StockRecordFormSet(oscar_formsets.StockRecordFormSet):
    def set_initial_data(self):
        # Oscar pre-selects the partner on forms[0], which a post with missing or
        # garbled management data does not have (IndexError, a 500); the formset's
        # own error ("ManagementForm data is missing") is shown instead.
        if self.forms:
            super().set_initial_data()

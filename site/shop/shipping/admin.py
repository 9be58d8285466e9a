from oscar.apps.shipping.admin import *

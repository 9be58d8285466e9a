default_app_config = "site.oscar_apps.partner.apps.PartnerConfig"

default_app_config = "site.oscar_apps.search.apps.SearchConfig"

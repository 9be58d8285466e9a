"""Thailand's geography: regions, provinces, districts and tambons (DOPA codes), their
loader (from the pinned geothai package) and the address options checkout offers."""

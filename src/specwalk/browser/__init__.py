"""Everything that touches a browser or the app's server. Only `playwright_driver` imports playwright."""

"""Everything that touches a browser or the app's server. Only `launch` imports playwright."""

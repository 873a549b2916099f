"""`specwalk docs`: a user manual from the verified scenarios, with highlighted screenshots.

catalog.py   the app's own texts in another locale (from the UI map's i18n values)
capture.py   re-run a verified scenario in a still browser page, one picture per action
build.py     verify, capture and assemble a `ManualDocument` per manual language
"""

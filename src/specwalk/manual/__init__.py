"""`specwalk docs`: a user manual from the verified scenarios, with highlighted screenshots.

catalog.py   the app's own texts in another locale (from the UI map's i18n values)
capture.py   the camera: a step observer of the verify engine, one picture per action
build.py     verify (verify_plan, cameras watching), assemble a `ManualDocument` per language
"""

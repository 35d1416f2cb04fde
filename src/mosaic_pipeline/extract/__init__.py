"""Extract stage internals: gazetteer, sectors, segmentation, figure attribution and links.

stages/extract.py composes these into one spaCy pipeline per language; quantities.py (numbers
and units) is a separate module that finds measured quantities, attribution decides whose they are.
"""

"""The slide deck (PPTX): draws each slide's designed boxes as native placeholders and shapes.

Parts: ``backend`` (the build, top to bottom), ``layouts`` (templates and their layouts),
``shapes`` (one slide being drawn), ``text`` (writing fitted text), ``kinds`` and
``generated`` (the native table, chart and picture drawings).
"""

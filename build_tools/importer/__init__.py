"""``course import``: turn an existing PowerPoint deck into a course outline.

The stages mirror the build in reverse: ``reader`` opens the package safely and extracts
plain data (``deck``), ``structure`` finds the generated slides and the chapters,
``kinds`` maps each content slide to a slide kind, ``writer`` emits commented YAML and
``report`` says what was mapped how.
"""

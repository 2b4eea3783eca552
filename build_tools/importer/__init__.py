"""``course import``: turn an existing PowerPoint deck into a course outline.

The stages mirror the build in reverse: ``package`` refuses bad files from the zip
directory, ``reader`` extracts plain data (``deck``), ``structure`` finds the generated
slides and the chapters, ``kinds`` maps each content slide to a slide kind, ``course`` and
``assemble`` build the outline data (``imported``), ``fit`` splits what overflows,
``writer`` emits commented YAML, ``report`` says what was mapped how; ``command`` is the
``course import`` subcommand.
"""

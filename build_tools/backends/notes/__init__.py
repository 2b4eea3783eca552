"""The trainer's notes: a view model of the plan (``view``) written as HTML and Markdown
through Jinja templates (``backend``; the templates are package data in
``build_tools/templates/``, overridable from a project's ``assets/templates/``)."""

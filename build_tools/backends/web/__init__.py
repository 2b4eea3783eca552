"""The web deck: the slides' designs drawn as HTML and CSS, with a speaker view."""

from build_tools.backends.web.backend import WebBackend

__all__ = ["WebBackend"]

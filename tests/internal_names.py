"""Checks that a library still has the private names our quarantine modules use.

Each quarantine module (``backends/ooxml/internals.py`` for python-pptx,
``backends/handout/internals.py`` for reportlab) lists its uses as ``module:attribute``
(a module-level name, dotted for attributes of it) or ``module:Class#attribute`` (an
attribute the library's own code sets on instances of Class).
"""

from __future__ import annotations

import importlib
import inspect
import re


def sets(cls: type, attribute: str, package: str) -> bool:
    """Whether ``package``'s own code of ``cls`` (or a base) assigns ``self.<attribute>``."""
    pattern = re.compile(rf"self\.{re.escape(attribute)}\s*=[^=]")
    return any(pattern.search(inspect.getsource(klass))
               for klass in inspect.getmro(cls) if klass.__module__.startswith(package))


def missing(use: str, package: str) -> str | None:
    """What of ``use`` the installed library lacks, or None."""
    module_name, _, path = use.partition(":")
    found: object = importlib.import_module(module_name)
    names, _, instance_attribute = path.partition("#")
    for name in names.split("."):
        if not hasattr(found, name):
            return f"no {use}"
        found = getattr(found, name)
    if instance_attribute and not (isinstance(found, type)
                                   and sets(found, instance_attribute, package)):
        return f"{names} no longer sets {instance_attribute}"
    return None

"""The attendee handout (PDF, reportlab).

Parts: ``backend`` (the build), ``pages`` and ``layouts`` (page furniture and the slide
page layouts), ``matter`` and ``parts`` (front and back matter, per-slide parts),
``miniature`` (each slide's designed boxes drawn small), ``styles``, ``fonts``, and
``text`` (markup, flowables and the reportlab text fast path).
"""

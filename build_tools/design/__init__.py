"""The design layer: planned slide + theme + template layouts -> positioned boxes.

``boxes`` is the closed model every backend draws; the fit check runs here, once.
"""

"""One exporter for every staff list (R-6, R-38): CSV and Excel, in the page's own scope and masking.

The lists are declared by the packages that own their pages (``<package>/exports.py``, see ``tables``); this
package writes them, in the request when short and by the worker when long, and keeps who exported what.
Between the office and the chapters on the floor plan, so the chapters and the desk use it (docs/decisions/0037).
"""

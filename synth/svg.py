"""Is this SVG a plain drawing? Checked before a cached plot is published.

Plots are cached (drawing one imports matplotlib, 0.3-0.6 s), and a cache can be written by someone
else. An SVG opened on its own runs its scripts in the site's origin, so a cached plot is published
only when it holds nothing but the elements and attributes matplotlib draws with: no script, no
event handler, no foreign object, no reference outside the file. Anything else is drawn again.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree

_SVG = "{http://www.w3.org/2000/svg}"
_XLINK = "{http://www.w3.org/1999/xlink}"
_RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_CC = "{http://creativecommons.org/ns#}"
_TAGS = frozenset({f"{_SVG}{t}" for t in ("svg", "g", "path", "use", "defs", "style", "clipPath", "rect", "text",
                                          "tspan", "metadata", "title", "desc", "line", "polyline", "circle")}
                  | {f"{_RDF}RDF", f"{_CC}Work", f"{_CC}Agent"}
                  | {f"{_DC}{t}" for t in ("type", "format", "creator", "title", "date", "description")})
_ATTRIBUTES = frozenset({"d", "id", "style", "transform", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r",
                         "width", "height", "viewBox", "version", "clip-path", "type", "points", "class",
                         "preserveAspectRatio", f"{_XLINK}href", f"{_RDF}resource"})
_DANGEROUS_VALUE = re.compile(r"javascript:|data:|@import|expression\s*\(|url\s*\(\s*(?!#)|<", re.IGNORECASE)
_MAX_SVG = 5_000_000


def is_plain_svg(text: str) -> bool:
    """True only for an SVG made solely of drawing elements with local references."""
    if len(text) > _MAX_SVG or "<!ENTITY" in text or "<!ATTLIST" in text:
        return False
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError:
        return False
    if root.tag != f"{_SVG}svg":
        return False
    for element in root.iter():
        if element.tag not in _TAGS:
            return False
        for name, value in element.attrib.items():
            if name not in _ATTRIBUTES or _DANGEROUS_VALUE.search(value):
                return False
            if name == f"{_XLINK}href" and not value.startswith("#"):
                return False
        if element.tag == f"{_SVG}style" and _DANGEROUS_VALUE.search(element.text or ""):
            return False
    return True

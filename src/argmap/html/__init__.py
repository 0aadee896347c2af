"""The interactive HTML page of a map, and the live preview server.

* :mod:`argmap.html.page`: one self-contained HTML file per map (``render --format html``);
* :mod:`argmap.html.data`: the page's data (nodes, relations, findings, acceptance);
* :mod:`argmap.html.svg`: Graphviz's SVG made addressable and focusable for the page;
* :mod:`argmap.html.site`: the pages of a file or folder of maps, with error pages;
* :mod:`argmap.html.serve`: ``argmap serve``, the preview server with live reload.

Nothing is imported here: the render registry (:mod:`argmap.render.api`) imports
:mod:`argmap.html._format` while :mod:`argmap.render` is still initialising, and
an import of the page builder from this file would then run into that half-built
package. Import from the submodules.
"""

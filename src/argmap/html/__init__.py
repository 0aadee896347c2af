"""The pages of a folder of maps, and ``argmap serve``, the live preview server.

* :mod:`argmap.html.site`: the pages of a file or folder of maps, with error pages;
* :mod:`argmap.html.serve`: ``argmap serve``, the preview server with live reload.

The page of one map is a render format (:mod:`argmap.render.page`): this package
uses the renderer, never the other way round. Import from the submodules.
"""

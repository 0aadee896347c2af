"""The argument graph: loaded maps -> nodes and relations, with adjacency.

The last stage of loading (text -> located data -> validated records -> graph; see
docs/architecture.md): it reads :class:`~argmap.loading.loaded.LoadedMap` values and
never imports the loader, which builds the graph of every map set it loads.
:func:`resolve` is the one walk over a map set's references.

:func:`build` gives an :class:`ArgumentGraph`, a small adjacency structure with
no dependencies that the checks, queries and renderers walk.
:func:`build_graph` gives the same graph as a ``networkx.MultiDiGraph`` for
analysis with networkx's algorithms.

Why two: importing networkx takes about 0.2 s here, twice what checking the
flagship map from a cold start takes in all, and building a networkx graph of
150,000 relations takes about 0.8 s, against 0.35 s for this structure (which
also proves every reference sound, see :func:`resolve`). Both are pure: no
I/O, no printing.

The package's modules, each below the next: ``_types`` (the values: nodes,
relations, tensions, the graph and its adjacency), ``_walk`` (the reference walk
that builds the graph), ``_networkx`` (the networkx view).
"""

from argmap.graph._networkx import build_graph
from argmap.graph._types import ArgumentGraph, GEdge, GNode, GTension, Loaded
from argmap.graph._walk import build, resolve, sound

__all__ = ["ArgumentGraph", "GEdge", "GNode", "GTension", "Loaded", "build", "build_graph",
           "resolve", "sound"]

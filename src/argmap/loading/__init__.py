"""Loading maps: YAML text -> located data -> validated records -> the argument graph.

The public names (``load``, ``loads``, ``load_set``, ``LoadedMap``, ``MapSet``) are
exported by :mod:`argmap`; this package's own ``__init__`` imports nothing, so that
reading one of its modules (``argmap.loading.source`` for the YAML reader) costs
only that module. docs/architecture.md describes the stages and their modules.
"""

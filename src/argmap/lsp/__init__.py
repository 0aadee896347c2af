"""``argmap lsp``: a language server for maps (diagnostics, navigation, completion, rename,
quick fixes, preview), over standard input and output; see docs/editors.md.

:mod:`argmap.lsp.analysis`, :mod:`~argmap.lsp.index`, :mod:`~argmap.lsp.complete` and
:mod:`~argmap.lsp.text` know nothing of the protocol; :mod:`~argmap.lsp.features`,
:mod:`~argmap.lsp.state` and :mod:`~argmap.lsp.server` speak it through pygls, imported
only by ``argmap lsp``.
"""

"""Import and export of argument formats other than argmap's own (one module per format)."""

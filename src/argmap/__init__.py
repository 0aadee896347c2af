"""argmap: structured argument maps in YAML."""

"""``python -m argmap``: the command line."""

from argmap.cli import main

main()

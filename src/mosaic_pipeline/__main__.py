"""`python -m mosaic_pipeline` is the `mosaic` command."""

from .cli import main

main()

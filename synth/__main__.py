"""`python -m synth` is the same as the `synth` console script."""

from synth.cli import main

raise SystemExit(main())

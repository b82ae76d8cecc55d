"""synth: verified research reports from a library of sources, published as a static site."""

__version__ = "0.1.0"

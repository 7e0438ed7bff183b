"""framescope's benchmark: a synthetic corpus generator, a baseline pipeline, the runner."""

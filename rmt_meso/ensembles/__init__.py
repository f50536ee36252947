"""Random-matrix and disordered-lattice ensembles (samplers; sample axis first)."""

__all__: list[str] = []

"""Shared by the cylinder tests: the ring Hamiltonian of one slice, written independently of
``rmt_meso.transport.dephasing`` (the tests compare that module against it)."""

import numpy as np


def ring(width, twist, t=1.0):
    """Hopping -t around a ring of ``width`` sites, with a total twist phase ``width * twist``."""
    h = np.zeros((width, width), complex)
    for y in range(width):
        h[(y + 1) % width, y] += -t * np.exp(-1j * twist)
        h[y, (y + 1) % width] += -t * np.exp(1j * twist)
    return h

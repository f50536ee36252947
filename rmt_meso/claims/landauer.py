"""Claim: the Landauer conductance G0 Σ T_n equals the Caroli Green's-function formula."""

from __future__ import annotations

import numpy as np

from ..compare import absolute
from . import ClaimResult, claim

NAME = "landauer"

#: (label, Wire keyword arguments) of the disordered wires checked.
_SYSTEMS = (
    ("beta=1", dict(W=2.0)),
    ("beta=2", dict(W=2.0, flux=0.05)),
    ("beta=4", dict(W=2.0, spin_orbit=np.pi / 6)),
)


@claim(
    name=NAME,
    title="Landauer formula: S-matrix transmission equals the Caroli Green's-function formula",
    section="wires",
    statement=(
        "For a disordered two-terminal conductor the Landauer conductance G = G0 sum_n T_n, "
        "with T_n the eigenvalues of t^dagger t from the scattering matrix in the flux-normalised "
        "lead-mode basis, equals the Caroli (Fisher-Lee) formula G = G0 Tr[Gamma_L G Gamma_R "
        "G^dagger] computed from the retarded Green's function of the whole region by an "
        "independent dense inversion, Gamma = i(Sigma - Sigma^dagger); the eigenvalues of "
        "Gamma_L G Gamma_R G^dagger are the T_n themselves.  Current conservation: "
        "sum_n T_n = sum_n (1 - R_n) (unitarity of S), for beta = 1, 2 and 4."),
    references=("R. Landauer, IBM J. Res. Dev. 1, 223 (1957)",
                "D. S. Fisher and P. A. Lee, Phys. Rev. B 23, 6851 (1981)",
                "C. Caroli, R. Combescot, P. Nozieres, D. Saint-James, J. Phys. C 4, 916 (1971)",
                "Y. Meir and N. S. Wingreen, Phys. Rev. Lett. 68, 2512 (1992)"),
    wrong_worlds={"gamma_half": "theory: lead broadening Gamma = i(Sigma - Sigma^dag)/2 (the "
                                "factor 2 of the Fisher-Lee formula lost, T -> T/4)",
                  "kramers_twice": "theory: Kramers partners counted in G0 = 2e^2/h for the "
                                   "spin-orbit wire (spin counted twice)"},
)
def run(ctx):
    from ..plot.transport_solver import plot_transmission_spectrum
    from ..transport import G0, Wire, caroli_transmission

    width, length = ctx.pick(quick=(8, 14), full=(12, 30))
    energy = 0.37
    rng = np.random.default_rng(ctx.seed_for(NAME))
    dev_caroli, dev_cons, dev_spec, dev_unit = 0.0, 0.0, 0.0, 0.0
    spectra, refs, labels, details = [], [], [], {}
    g_head = g_head_caroli = None
    for label, kw in _SYSTEMS:
        wire = Wire(width, length, **kw).realisation(rng)
        s = wire.smatrix(energy)
        tn = s.transmission_eigenvalues()
        rn = s.reflection_eigenvalues()
        g = s.conductance(unit="S")
        slices, hopping = wire.hamiltonian_slices()
        tr, ev = caroli_transmission(slices, hopping, wire.lead, energy=energy, eigenvalues=True)
        if ctx.wrong("gamma_half"):      # Gamma_L and Gamma_R each halved
            tr, ev = tr / 4, np.asarray(ev) / 4
        quantum = G0 / 2 if wire.spinful and not ctx.wrong("kramers_twice") else G0
        g_caroli = quantum * tr
        ref = ev[-len(tn):]
        dev_caroli = max(dev_caroli, abs(g - g_caroli) / G0)
        dev_cons = max(dev_cons, abs(np.sum(tn) - np.sum(1.0 - rn)))
        dev_spec = max(dev_spec, float(np.max(np.abs(tn - ref))))
        dev_unit = max(dev_unit, s.unitarity_error())
        spectra.append(tn)
        refs.append(ref)
        extra = {"beta=1": "", "beta=2": r", $\phi=0.05$", "beta=4": ", spin-orbit"}[label]
        labels.append(rf"$\beta={wire.beta}${extra}: $g={np.sum(tn):.3f}$")
        details[label] = {"g": float(np.sum(tn)), "g_caroli": float(tr), "n_open": s.n_left,
                          "beta": wire.beta}
        if g_head is None:
            g_head, g_head_caroli = g / G0, g_caroli / G0

    comparisons = [
        absolute(dev_caroli, 0.0, atol=1e-10,
                 label="max |G - G0 Tr[Gamma_L G Gamma_R G^dag]| / G0 over beta = 1, 2, 4"),
        absolute(dev_cons, 0.0, atol=1e-10, label="current conservation max |sum T_n - sum (1 - R_n)|"),
        absolute(dev_spec, 0.0, atol=1e-8, label="T_n vs eigenvalues of Gamma_L G Gamma_R G^dag"),
        absolute(dev_unit, 0.0, atol=1e-10, label="max |S^dag S - 1|"),
    ]
    fig = ctx.plot(plot_transmission_spectrum, spectra, labels, reference=refs)
    return ClaimResult(
        value=float(g_head), error=float("nan"), theory=float(g_head_caroli), comparisons=comparisons,
        figure=fig, unit="2e^2/h",
        details={"width": width, "length": length, "energy": energy, "systems": details,
                 "max_dev_caroli": dev_caroli, "max_dev_conservation": dev_cons,
                 "max_dev_spectrum": dev_spec},
        note="Deterministic identities (one disorder realisation each): the tolerances are "
             "round-off bounds. The Caroli route shares only the lead self-energies with the "
             "S-matrix route; the headline value is the beta = 1 wire's g and its Caroli value.")

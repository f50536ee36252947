"""The Anderson tight-binding model: Hamiltonian, conventions, symmetries and eigen-solvers.

Every check is against an exact, independently built result: clean-lattice dispersions,
Harper's equation for the Hofstadter model, gauge transformations built here by hand,
Kramers' theorem, and dense versus shift-invert diagonalisation.
"""

import itertools
import math

import numpy as np
import pytest
import scipy.sparse as sp

from rmt_meso import ConvergenceError
from rmt_meso.ensembles import Anderson


pytestmark = pytest.mark.usefixtures("one_blas_thread")


# ---------------------------------------------------------------- independent references
def clean_spectrum(shape, boundary, twist=None, t=1.0):
    """Sorted clean spectrum from the separable 1D dispersions (sum over directions)."""
    twist = twist or (0.0,) * len(shape)
    per_dir = []
    for L, b, th in zip(shape, boundary, twist):
        if b == "open":
            k = np.pi * np.arange(1, L + 1) / (L + 1)            # sine modes
        else:
            k = (2 * np.pi * np.arange(L) + th) / L                # Bloch momenta with twist
        per_dir.append(-2 * t * np.cos(k))
    grid = np.zeros(())
    for e in per_dir:
        grid = np.add.outer(grid, e)
    return np.sort(grid.ravel())


def site(shape, *coords):
    """C-order site index (x slowest)."""
    return int(np.ravel_multi_index(coords, shape))


def dense_from_bonds(shape, onsite, bonds):
    """Dense H from a list of (dst, src, amplitude) forward hops plus on-site energies."""
    n = int(np.prod(shape))
    H = np.diag(np.asarray(onsite, dtype=complex).ravel())
    for i, j, a in bonds:
        H[i, j] += a
        H[j, i] += np.conj(a)
    return H


# ---------------------------------------------------------------- clean spectra
@pytest.mark.parametrize("shape", [(1,), (2,), (7,), (4, 3), (3, 4, 2)], ids=str)
@pytest.mark.parametrize("boundary", ["open", "periodic"])
def test_clean_spectrum_equals_dispersion(shape, boundary):
    model = Anderson(shape, boundary=boundary, t=1.3)
    ref = clean_spectrum(shape, (boundary,) * len(shape), t=1.3)
    np.testing.assert_allclose(model.eigvals(), ref, atol=1e-12,
                               err_msg=f"clean {boundary} {shape} is not the analytic dispersion")


def test_open_chain_is_sine_modes():
    e = Anderson((9,)).eigvals()
    np.testing.assert_allclose(e, np.sort(-2 * np.cos(np.pi * np.arange(1, 10) / 10)), atol=1e-13)
    np.testing.assert_allclose(e, np.sort(2 * np.cos(np.pi * np.arange(1, 10) / 10)), atol=1e-13)


@pytest.mark.parametrize("shape,boundary,twist", [
    ((8,), ("twisted",), (0.7,)),
    ((5, 4), ("twisted", "open"), (1.1, 0.0)),
    ((3, 4, 5), ("twisted", "periodic", "twisted"), (0.3, 0.0, -2.0)),
], ids=["1d", "2d-mixed", "3d"])
def test_twisted_clean_spectrum(shape, boundary, twist):
    model = Anderson(shape, boundary=boundary, twist=twist)
    np.testing.assert_allclose(model.eigvals(), clean_spectrum(shape, boundary, twist), atol=1e-12)
    # the override of eigvals applies to every closed direction
    other = tuple(0.4 if b != "open" else 0.0 for b in boundary)
    np.testing.assert_allclose(model.eigvals(twist=other), clean_spectrum(shape, boundary, other), atol=1e-12)


def test_antiperiodic_ring():
    L = 6
    e = Anderson((L,), boundary="periodic").eigvals(twist=np.pi)
    np.testing.assert_allclose(e, np.sort(-2 * np.cos((2 * np.arange(L) + 1) * np.pi / L)), atol=1e-13)


# ---------------------------------------------------------------- conventions
def test_site_ordering_and_hopping_sign():
    shape = (3, 4, 2)
    eps = np.arange(24.0).reshape(shape)
    H = Anderson(shape, t=0.7).hamiltonian(onsite=eps).toarray()
    np.testing.assert_array_equal(np.diag(H), eps.ravel())
    for (x, y, z) in itertools.product(range(2), range(3), range(1)):
        assert H[site(shape, x + 1, y, z), site(shape, x, y, z)] == -0.7
        assert H[site(shape, x, y + 1, z), site(shape, x, y, z)] == -0.7
        assert H[site(shape, x, y, z + 1), site(shape, x, y, z)] == -0.7
    # a slice at fixed x is a contiguous block of Ly*Lz states: no hopping skips a slice
    rows, cols = np.nonzero(H)
    assert np.all(np.abs(rows // 8 - cols // 8) <= 1)


def test_spin_index_fastest_and_onsite_spin_independent():
    shape = (2, 3)
    eps = np.arange(6.0).reshape(shape)
    H = Anderson(shape, spin_orbit=0.4).hamiltonian(onsite=eps).toarray()
    np.testing.assert_array_equal(np.diag(H).real, np.repeat(eps.ravel(), 2))


def test_twist_sign_on_boundary_bond():
    L, th = 5, 0.9
    H = Anderson((L,), boundary="twisted", twist=th).hamiltonian(onsite=np.zeros(L)).toarray()
    assert H[0, L - 1] == pytest.approx(-np.exp(1j * th), abs=1e-15)
    assert H[L - 1, 0] == pytest.approx(-np.exp(-1j * th), abs=1e-15)


@pytest.mark.parametrize("phi", [1 / 3, 0.13, -0.25])
def test_flux_landau_gauge_phases_and_plaquette_flux(phi):
    shape = (4, 5)
    H = Anderson(shape, flux=phi).hamiltonian(onsite=np.zeros(shape)).toarray()
    for x, y in itertools.product(range(3), range(5)):
        assert H[site(shape, x + 1, y), site(shape, x, y)] == pytest.approx(
            -np.exp(2j * np.pi * phi * y), abs=1e-14)
    for x, y in itertools.product(range(3), range(4)):
        # counter-clockwise loop (seen from +z): product of H[next, current] = exp(-2πiφ)
        a, b = site(shape, x, y), site(shape, x + 1, y)
        c, d = site(shape, x + 1, y + 1), site(shape, x, y + 1)
        loop = H[b, a] * H[c, b] * H[d, c] * H[a, d]
        assert loop == pytest.approx(np.exp(-2j * np.pi * phi), abs=1e-13)


def test_hamiltonian_onsite_matches_rng_draw_and_is_reproducible():
    model = Anderson((4, 3, 3), W=5.0, boundary="periodic")
    H1 = model.hamiltonian(rng=11)
    H2 = model.hamiltonian(onsite=model.onsite(rng=11))
    assert abs(H1 - H2).max() == 0
    assert abs(model.hamiltonian(rng=np.random.default_rng(11)) - H1).max() == 0
    assert abs(model.hamiltonian(rng=np.random.SeedSequence(11)) - H1).max() == 0
    assert abs(model.hamiltonian(rng=12) - H1).max() > 0
    assert abs(model.hamiltonian() - model.hamiltonian()).max() > 0


# ---------------------------------------------------------------- disorder laws
@pytest.mark.parametrize("disorder", ["box", "gaussian", "binary"])
def test_onsite_law_normalisation(disorder):
    W = 3.0
    e = Anderson((40, 50), W=W, disorder=disorder).onsite(rng=2024).ravel()
    var = W**2 / 4 if disorder == "binary" else W**2 / 12
    n = e.size
    # mean 0 and the documented variance (second moment about 0), both at 5 sigma
    assert abs(e.mean()) < 5 * math.sqrt(var / n)
    m4 = {"box": 9 / 5, "gaussian": 3.0, "binary": 1.0}[disorder] * var**2   # fourth moment
    assert abs(np.mean(e**2) - var) <= 5 * math.sqrt((m4 - var**2) / n) + 1e-12 * var
    if disorder == "box":
        assert np.all(np.abs(e) <= W / 2)
    if disorder == "binary":
        np.testing.assert_array_equal(np.unique(e), [-W / 2, W / 2])


def test_zero_disorder_is_clean():
    assert np.all(Anderson((3, 3), W=0.0, disorder="gaussian").onsite(rng=1) == 0)


# ---------------------------------------------------------------- symmetries
CASES = {
    "1d-box": dict(shape=(12,), W=2.0),
    "2d-flux": dict(shape=(6, 5), W=3.0, flux=0.21),
    "3d-periodic-gauss": dict(shape=(4, 4, 4), W=6.0, disorder="gaussian", boundary="periodic"),
    "2d-soc": dict(shape=(5, 4), W=2.0, spin_orbit=np.pi / 6, boundary="periodic"),
    "3d-soc-binary": dict(shape=(3, 3, 3), W=1.5, disorder="binary", spin_orbit=0.8),
    "2d-soc-flux": dict(shape=(4, 6), W=2.0, spin_orbit=0.5, flux=1 / 6, boundary="periodic"),
    "2d-twisted": dict(shape=(5, 5), W=2.0, boundary="twisted", twist=(0.4, 1.3)),
}


@pytest.mark.parametrize("case", CASES, ids=str)
def test_hermitian(case):
    H = Anderson(**CASES[case]).hamiltonian(rng=3)
    assert sp.issparse(H) and H.format == "csr"
    assert abs(H - H.conj().T).max() == 0, f"{case}: H is not Hermitian"


@pytest.mark.parametrize("kw,beta", [
    (dict(shape=(4, 4)), 1), (dict(shape=(4, 4), flux=0.5), 1), (dict(shape=(4, 4), flux=1.0), 1),
    (dict(shape=(4, 4), flux=0.1), 2), (dict(shape=(4,), boundary="twisted", twist=np.pi), 1),
    (dict(shape=(4,), boundary="twisted", twist=1.0), 2), (dict(shape=(4, 4), spin_orbit=0.3), 4),
    (dict(shape=(4, 4), spin_orbit=0.3, flux=0.25), 2), (dict(shape=(4, 4), spin_orbit=0.3, flux=0.5), 4),
], ids=lambda v: str(v) if isinstance(v, int) else "-".join(f"{k}={v[k]}" for k in v))
def test_beta_rules(kw, beta):
    model = Anderson(**kw)
    assert model.beta == beta
    H = model.hamiltonian(rng=0)
    if beta == 1:
        assert H.dtype == np.float64
    else:
        assert H.dtype == np.complex128 and np.abs(H.imag).max() > 0.1


def test_beta2_breaks_real_structure():
    """With flux the spectrum of H differs from that of its complex conjugate for fixed disorder
    only through the field reversal: H(φ)* = H(-φ); and H(φ) cannot be made real because its
    plaquette phase (gauge invariant) is complex."""
    shape = (5, 5)
    eps = Anderson(shape, W=4.0).onsite(rng=9)
    Hp = Anderson(shape, flux=0.2).hamiltonian(onsite=eps).toarray()
    Hm = Anderson(shape, flux=-0.2).hamiltonian(onsite=eps).toarray()
    np.testing.assert_allclose(Hp.conj(), Hm, atol=1e-15)
    e0 = Anderson(shape).eigvals(onsite=eps)
    ep = np.linalg.eigvalsh(Hp)
    assert np.max(np.abs(ep - e0)) > 1e-2     # the flux changes the spectrum


@pytest.mark.parametrize("case", ["2d-soc", "3d-soc-binary"])
def test_kramers_pairs(case):
    model = Anderson(**CASES[case])
    assert model.beta == 4
    e = model.eigvals(rng=21, kramers="both")
    assert e.size == model.size
    np.testing.assert_allclose(e[0::2], e[1::2], atol=1e-10, err_msg="Kramers pairs are split")
    gaps = np.diff(e[0::2])
    assert gaps.min() > 1e-6, "accidental extra degeneracy: the test would not see a broken pair"
    np.testing.assert_allclose(model.eigvals(rng=21), e[0::2], atol=1e-14)


def test_soc_with_flux_lifts_kramers():
    model = Anderson(**CASES["2d-soc-flux"])
    assert model.beta == 2
    e = model.eigvals(rng=4)
    assert np.min(np.abs(e[0::2] - e[1::2])) > 1e-6
    with pytest.raises(ValueError, match="kramers='once' needs Kramers-degenerate"):
        model.eigvals(rng=4, kramers="once")


@pytest.mark.parametrize("shape", [(6, 6), (4, 4, 4)], ids=str)
def test_clean_soc_dispersion(shape):
    """Ando model in k-space: h(k) = -2t Σ_d [cos θ cos k_d + sin θ sin k_d σ_a(d)], distinct σ
    for distinct directions, so E±(k) = -2t cos θ Σ cos k_d ± 2t sin θ (Σ sin² k_d)^{1/2}."""
    th, t = 0.6, 1.0
    ks = np.meshgrid(*[2 * np.pi * np.arange(L) / L for L in shape], indexing="ij")
    c = sum(np.cos(k) for k in ks)
    s = np.sqrt(sum(np.sin(k) ** 2 for k in ks))
    ref = np.sort(np.concatenate([-2 * t * np.cos(th) * c + 2 * t * np.sin(th) * s,
                                  -2 * t * np.cos(th) * c - 2 * t * np.sin(th) * s]).ravel())
    e = Anderson(shape, spin_orbit=th, boundary="periodic").eigvals(kramers="both")
    np.testing.assert_allclose(e, ref, atol=1e-12)


def test_soc_chain_is_a_pure_gauge():
    eps = Anderson((10,), W=3.0).onsite(rng=5)
    e0 = Anderson((10,)).eigvals(onsite=eps)
    e = Anderson((10,), spin_orbit=1.0).eigvals(onsite=eps)
    np.testing.assert_allclose(e, e0, atol=1e-12)


# ---------------------------------------------------------------- gauge invariance
@pytest.mark.parametrize("d", [0, 1])
def test_twist_equals_distributed_gauge(d):
    """Twist on the boundary bond == phase θ/L on every d-bond (gauge transformation)."""
    shape, th = (5, 4), 1.7
    boundary = ("periodic", "periodic")
    eps = Anderson(shape, W=4.0).onsite(rng=8)
    twist = tuple(th if i == d else 0.0 for i in range(2))
    e_twist = Anderson(shape, boundary="twisted", twist=twist).eigvals(onsite=eps)
    bonds = []
    for x, y in itertools.product(range(shape[0]), range(shape[1])):
        for dd in range(2):
            r = [x, y]
            r2 = list(r); r2[dd] = (r2[dd] + 1) % shape[dd]
            amp = -1.0 * (np.exp(1j * th / shape[d]) if dd == d else 1.0)
            bonds.append((site(shape, *r2), site(shape, *r), amp))
    e_gauge = np.linalg.eigvalsh(dense_from_bonds(shape, eps, bonds))
    np.testing.assert_allclose(e_twist, e_gauge, atol=1e-12)
    assert Anderson(shape, boundary=boundary).beta == 1


def test_flux_gauge_invariance_open_lattice():
    """Landau gauge along x (library) vs a Landau gauge on y-bonds built here: same spectrum."""
    shape, phi = (6, 5), 0.17
    eps = Anderson(shape, W=3.0).onsite(rng=13)
    e_lib = Anderson(shape, flux=phi).eigvals(onsite=eps)
    bonds = []
    for x, y in itertools.product(range(shape[0]), range(shape[1])):
        if x + 1 < shape[0]:
            bonds.append((site(shape, x + 1, y), site(shape, x, y), -1.0))
        if y + 1 < shape[1]:
            bonds.append((site(shape, x, y + 1), site(shape, x, y), -np.exp(-2j * np.pi * phi * x)))
    e_other = np.linalg.eigvalsh(dense_from_bonds(shape, eps, bonds))
    np.testing.assert_allclose(e_lib, e_other, atol=1e-12)
    # reversing the field gives a different gauge class but the same spectrum (H(-φ) = H(φ)*)
    np.testing.assert_allclose(Anderson(shape, flux=-phi).eigvals(onsite=eps), e_lib, atol=1e-12)


@pytest.mark.parametrize("p,q", [(1, 3), (1, 2), (2, 5)])
def test_hofstadter_harper(p, q):
    """Clean torus with flux p/q: spectrum = union over k_x of Harper's equation
    E f_y = -2t cos(k_x - 2πφy) f_y - t (f_{y+1} + f_{y-1}) with periodic y."""
    phi = p / q
    Lx, Ly = 6, 2 * q
    e = Anderson((Lx, Ly), flux=phi, boundary="periodic").eigvals()
    ref = []
    for kx in 2 * np.pi * np.arange(Lx) / Lx:
        y = np.arange(Ly)
        h = np.diag(-2 * np.cos(kx - 2 * np.pi * phi * y)).astype(complex)
        h += -np.roll(np.eye(Ly), 1, axis=0) - np.roll(np.eye(Ly), -1, axis=0)
        ref.append(np.linalg.eigvalsh(h))
    np.testing.assert_allclose(e, np.sort(np.concatenate(ref)), atol=1e-12)
    # bipartite lattice with even sides: the spectrum is symmetric about E = 0
    np.testing.assert_allclose(e, -e[::-1], atol=1e-12)


def test_hofstadter_third_has_three_bands():
    """φ = 1/3 on a large torus: the spectrum splits into q = 3 bands (two clear gaps)."""
    e = Anderson((24, 24), flux=1 / 3, boundary="periodic").eigvals()
    gaps = np.sort(np.diff(e))[::-1]
    assert gaps[1] > 1.0 and gaps[2] < 0.2
    assert abs(np.sum(e < -1.0) - e.size / 3) <= 2 and abs(np.sum(e > 1.0) - e.size / 3) <= 2


def test_flux_one_is_trivial():
    eps = Anderson((4, 4), W=2.0).onsite(rng=1)
    np.testing.assert_allclose(Anderson((4, 4), flux=1.0, boundary="periodic").eigvals(onsite=eps),
                               Anderson((4, 4), boundary="periodic").eigvals(onsite=eps), atol=1e-12)


# ---------------------------------------------------------------- solvers
SI_CASES = {
    "3d-beta1": (dict(shape=(8, 8, 8), W=16.5, boundary="periodic"), 0.0),
    "3d-beta1-off-centre": (dict(shape=(7, 7, 7), W=10.0), -3.2),
    "2d-beta2": (dict(shape=(12, 12), W=3.0, flux=1 / 12, boundary="periodic"), 0.5),
    "2d-beta4": (dict(shape=(9, 9), W=4.0, spin_orbit=np.pi / 6), 0.0),
}


@pytest.mark.parametrize("case", SI_CASES, ids=str)
def test_shift_invert_equals_dense(case):
    kw, target = SI_CASES[case]
    model = Anderson(**kw)
    for k in (1, 6, 25):
        d = model.eigvals(rng=17, k=k, target=target, method="dense")
        s = model.eigvals(rng=17, k=k, target=target, method="shift-invert")
        assert d.shape == s.shape == (k,)
        np.testing.assert_allclose(s, d, atol=1e-10, err_msg=f"{case} k={k}")
        assert np.all(np.diff(s) >= 0)
    if model.beta == 4:
        d = model.eigvals(rng=17, k=12, target=target, method="dense", kramers="both")
        s = model.eigvals(rng=17, k=12, target=target, method="shift-invert", kramers="both")
        np.testing.assert_allclose(s, d, atol=1e-10)


@pytest.mark.parametrize("pivoting", ["symmetric", "partial"], ids=["symmetric-mode-LU", "pivoting-LU"])
def test_both_factorisations_give_dense_eigenvalues(pivoting):
    # the shared shift-invert kernel (rmt_meso._sparse) with each factorisation forced
    from rmt_meso._sparse import shift_invert_eigvalsh
    model = Anderson((6, 6, 6), W=12.0, boundary="periodic")
    H = model.hamiltonian(rng=3)
    vals, info = shift_invert_eigvalsh(H, 12, 0.4, scale=15.0, pivoting=(pivoting,), return_info=True)
    full = np.linalg.eigvalsh(H.toarray())
    want = np.sort(full[np.argsort(np.abs(full - 0.4))[:12]])
    np.testing.assert_allclose(vals, want, atol=1e-10)
    assert info["pivoting"] == pivoting and info["residual"] < 1e-10 and info["fill"] > H.nnz


def test_shift_invert_when_target_is_an_exact_eigenvalue():
    """E = 0 is an exact (non-degenerate) eigenvalue of the clean open chain of odd length:
    H - 0 is exactly singular and the shift is moved slightly (documented)."""
    L = 41
    s = Anderson((L,)).eigvals(k=7, target=0.0, method="shift-invert")
    ref = -2 * np.cos(np.pi * np.arange(1, L + 1) / (L + 1))
    np.testing.assert_allclose(s, np.sort(ref[np.argsort(np.abs(ref))[:7]]), atol=1e-10)


def test_dense_k_nearest_and_auto():
    model = Anderson((6, 6), W=2.0)
    full = model.eigvals(rng=1)
    near = model.eigvals(rng=1, k=5, target=1.0)
    idx = np.argsort(np.abs(full - 1.0))[:5]
    np.testing.assert_allclose(near, np.sort(full[idx]))


def test_sample_eigvals_reproducible_and_spawned():
    model = Anderson((5, 5), W=3.0)
    a = model.eigvals(4, rng=99, k=6)
    assert a.shape == (4, 6)
    np.testing.assert_array_equal(a, model.eigvals(4, rng=99, k=6))
    seeds = model.realisation_seeds(4, rng=99)
    np.testing.assert_array_equal(a[2], model.eigvals(rng=np.random.default_rng(seeds[2]), k=6))
    assert not np.array_equal(a[0], a[1])
    full = model.eigvals(2, rng=1)
    assert full.shape == (2, 25)


DENSE_CASES = {
    "3d-periodic": dict(shape=(6, 6, 6), W=16.5, boundary="periodic"),
    "2d-flux": dict(shape=(4, 4), W=2.0, flux=1 / 4, boundary="periodic"),
    "2d-soc": dict(shape=(4, 4), W=2.0, spin_orbit=np.pi / 6, boundary="periodic"),
    "2d-L2-periodic-duplicate-bonds": dict(shape=(2, 3), W=1.0, boundary="periodic"),
    "1d-L1-self-bond": dict(shape=(1,), W=1.0, boundary="periodic"),
}


@pytest.mark.parametrize("case", DENSE_CASES, ids=str)
def test_dense_path_is_the_sparse_hamiltonian(case):
    """The dense solver's cached-hopping matrix is entry by entry hamiltonian().toarray(), at the
    model's twist and at an override, so its eigenvalues are bit-identical."""
    model = Anderson(**DENSE_CASES[case])
    closed = tuple(0.0 if b == "open" else 0.7 for b in model.boundary)
    for twist in (None, closed, None):          # the cache holds two twists; reuse after a switch
        eps = model.onsite(rng=5)
        th = model._effective_twist(twist)
        np.testing.assert_array_equal(model._dense_hamiltonian(eps, th),
                                      model.hamiltonian(onsite=eps, twist=twist).toarray())
        kr = "both" if model.beta == 4 else None
        got = model.eigvals(rng=5, twist=twist, method="dense", kramers=kr)
        want = np.linalg.eigvalsh(model.hamiltonian(rng=5, twist=twist).toarray())
        np.testing.assert_array_equal(got, want)


def test_twist_derivatives_match_finite_differences():
    model = Anderson((4, 5), W=2.0, boundary=("twisted", "periodic"), twist=(0.3, 0.0))
    eps = model.onsite(rng=2)
    dH, d2H = model.twist_derivatives(0)
    h = 1e-4

    def H(th):
        return model.hamiltonian(onsite=eps, twist=(th, 0.0)).toarray()

    fd1 = (H(0.3 + h) - H(0.3 - h)) / (2 * h)
    fd2 = (H(0.3 + h) - 2 * H(0.3) + H(0.3 - h)) / h**2
    np.testing.assert_allclose(dH.toarray(), fd1, atol=1e-7)
    np.testing.assert_allclose(d2H.toarray(), fd2, atol=1e-5)


# ---------------------------------------------------------------- bad input
@pytest.mark.parametrize("kwargs,exc,match", [
    (dict(shape=(4,), W=-1.0), ValueError, "W must be >= 0"),
    (dict(shape=(0, 3)), ValueError, r"shape\[0\] must be an integer >= 1"),
    (dict(shape=(3.0, 3)), TypeError, r"shape\[0\] must be an integer"),
    (dict(shape=(2, 2, 2, 2)), ValueError, "dimension 1-3"),
    (dict(shape=()), ValueError, "dimension 1-3"),
    (dict(shape=5), TypeError, "shape must be a tuple"),
    (dict(shape=(5,), flux=0.1), ValueError, "flux needs a lattice with dim >= 2"),
    (dict(shape=(4, 5), flux=0.1, boundary="periodic"), ValueError, "flux\\*Ly to be an integer"),
    (dict(shape=(4, 4), disorder="cauchy"), ValueError, "disorder must be one of"),
    (dict(shape=(4, 4), boundary="closed"), ValueError, "boundary must be one of"),
    (dict(shape=(4, 4), boundary=("open",)), ValueError, "one per direction"),
    (dict(shape=(4, 4), twist=(0.5, 0.0)), ValueError, "twist on a direction with boundary 'open'"),
    (dict(shape=(4, 4), boundary="periodic", twist=0.5), ValueError, "needs a direction with boundary"),
    (dict(shape=(4, 4), spin_orbit=0.0), ValueError, "spin_orbit must be > 0"),
    (dict(shape=(4, 4), t=0.0), ValueError, "t must be > 0"),
])
def test_bad_constructor_input(kwargs, exc, match):
    with pytest.raises(exc, match=match):
        Anderson(**kwargs)


def test_bad_method_input():
    model = Anderson((4, 4, 4), W=2.0)
    with pytest.raises(ValueError, match="target must lie in the band"):
        model.eigvals(rng=1, k=3, target=7.5)
    with pytest.raises(ValueError, match="needs k"):
        model.eigvals(rng=1, method="shift-invert")
    with pytest.raises(ValueError, match="too large for shift-invert"):
        model.eigvals(rng=1, k=63, method="shift-invert")
    with pytest.raises(ValueError, match="k must be an integer <= 64"):
        model.eigvals(rng=1, k=65)
    with pytest.raises(ValueError, match="method must be one of"):
        model.eigvals(rng=1, method="lanczos")
    with pytest.raises(ValueError, match="onsite must have shape"):
        model.hamiltonian(onsite=np.zeros(64))
    with pytest.raises(ValueError, match="either rng .* or onsite"):
        model.hamiltonian(rng=1, onsite=np.zeros((4, 4, 4)))
    with pytest.raises(ValueError, match="finite"):
        model.hamiltonian(onsite=np.full((4, 4, 4), np.nan))
    with pytest.raises(ValueError, match="kramers='once' needs"):
        model.eigvals(rng=1, kramers="once")
    with pytest.raises(ValueError, match="open boundaries"):
        model.twist_derivatives(0)
    with pytest.raises(ValueError, match="twist on a direction with boundary 'open'"):
        model.eigvals(rng=1, twist=(1.0, 0.0, 0.0))
    assert isinstance(ConvergenceError("x"), RuntimeError)

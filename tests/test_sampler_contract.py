"""The sampler contract (docs/design.md, "Sampling"), checked on every public sampler.

Each entry of ``SAMPLERS`` is a sampling method ``method(size=None, *, rng=None, ...)``: the
constructor describes the ensemble, ``size=None`` gives one sample without a sample axis, an
integer ``size`` puts the sample axis first, ``rng`` is keyword-only and accepts None, an int,
a SeedSequence or a Generator.  ``test_registry_is_complete`` finds every public method or
function with an ``rng`` parameter, so a new sampler cannot skip these tests.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import types
import warnings

import numpy as np
import pytest

import rmt_meso
from rmt_meso.ensembles import (COE, CSE, CUE, GOE, GSE, GUE, Anderson, CircularEnsemble,
                                GaussianEnsemble, Ginibre, JacobiEnsemble, LaguerreEnsemble,
                                dmpk_transmissions)
from rmt_meso.transport import (ChaoticCavity, HamiltonianCavity, ImaginaryPotentialCavity,
                                PoissonKernelCavity, SMatrix, VoltageProbeCavity, Wire)
from rmt_meso.transport.cavity_correlations import conductance_fingerprints
from rmt_meso.models import XXZChain
from rmt_meso.transport import Device, lead, rectangle, square
from rmt_meso.transport.dephasing import HamiltonianProbeCavity


def _entry(ident, make, method, *, shape, args=(), kwargs=None):
    return pytest.param(make, method, args, kwargs or {}, shape, id=ident)


#: (ensemble factory, method name, leading positional args, options, shape of one sample)
SAMPLERS = [
    _entry("GaussianEnsemble.sample", lambda: GaussianEnsemble(2.5, 6), "sample", shape=None),
    _entry("GaussianEnsemble.eigvals", lambda: GaussianEnsemble(2.5, 6), "eigvals", shape=(6,)),
    _entry("GOE.sample", lambda: GOE(5), "sample", shape=(5, 5)),
    _entry("GOE.eigvals", lambda: GOE(5), "eigvals", shape=(5,)),
    _entry("GOE.eigvals-dense", lambda: GOE(5), "eigvals", kwargs={"method": "dense"}, shape=(5,)),
    _entry("GUE.sample", lambda: GUE(4), "sample", shape=(4, 4)),
    _entry("GUE.eigvals", lambda: GUE(4), "eigvals", shape=(4,)),
    _entry("GSE.sample", lambda: GSE(3), "sample", shape=(6, 6)),
    _entry("GSE.eigvals", lambda: GSE(3), "eigvals", kwargs={"kramers": "both"}, shape=(6,)),
    _entry("CircularEnsemble.verblunsky", lambda: CircularEnsemble(3.0, 5), "verblunsky", shape=(5,)),
    _entry("CircularEnsemble.sample", lambda: CircularEnsemble(3.0, 5), "sample", shape=(5, 5)),
    _entry("CircularEnsemble.eigphases", lambda: CircularEnsemble(3.0, 5), "eigphases", shape=(5,)),
    _entry("CUE.sample", lambda: CUE(4), "sample", shape=(4, 4)),
    _entry("CUE.eigphases", lambda: CUE(4), "eigphases", shape=(4,)),
    _entry("COE.sample", lambda: COE(4), "sample", shape=(4, 4)),
    _entry("COE.eigphases", lambda: COE(4), "eigphases", kwargs={"method": "dense"}, shape=(4,)),
    _entry("CSE.sample", lambda: CSE(2), "sample", shape=(4, 4)),
    _entry("CSE.eigphases", lambda: CSE(2), "eigphases", shape=(2,)),
    _entry("LaguerreEnsemble.sample", lambda: LaguerreEnsemble(1, 4, 0.5), "sample", shape=None),
    _entry("LaguerreEnsemble.eigvals", lambda: LaguerreEnsemble(1, 4, 0.5), "eigvals", shape=(4,)),
    _entry("JacobiEnsemble.sample", lambda: JacobiEnsemble(2, 4, 0.5, 1.0), "sample", shape=None),
    _entry("JacobiEnsemble.eigvals", lambda: JacobiEnsemble(2, 4, 0.5, 1.0), "eigvals", shape=(4,)),
    _entry("Ginibre.sample", lambda: Ginibre(4), "sample", shape=(4, 4)),
    _entry("Ginibre.eigvals", lambda: Ginibre(4), "eigvals", shape=(4,)),
    _entry("Anderson.onsite", lambda: Anderson((3, 4), W=2.0), "onsite", shape=(3, 4)),
    _entry("Anderson.eigvals", lambda: Anderson((3, 4), W=2.0), "eigvals", shape=(12,)),
    _entry("Anderson.eigvals-k", lambda: Anderson((5, 5), W=2.0), "eigvals",
           kwargs={"k": 4, "method": "shift-invert"}, shape=(4,)),
    # transport: cavities and wires
    _entry("ChaoticCavity.sample", lambda: ChaoticCavity(2, 3, 1), "sample", shape=(5, 5)),
    _entry("ChaoticCavity.transmission_eigenvalues", lambda: ChaoticCavity(2, 3, 2),
           "transmission_eigenvalues", shape=(2,)),
    _entry("ChaoticCavity.transmission_eigenvalues-jacobi", lambda: ChaoticCavity(2, 3, 2.5),
           "transmission_eigenvalues", kwargs={"method": "jacobi"}, shape=(2,)),
    _entry("ChaoticCavity.conductance", lambda: ChaoticCavity(2, 3, 4), "conductance", shape=()),
    _entry("ChaoticCavity.fano", lambda: ChaoticCavity(2, 3, 1), "fano", shape=()),
    _entry("PoissonKernelCavity.sample",
           lambda: PoissonKernelCavity(0.4 * np.eye(3), 1, 2, 1), "sample", shape=(3, 3)),
    _entry("PoissonKernelCavity.conductance",
           lambda: PoissonKernelCavity(0.3 * np.eye(3), 2, 1, 2), "conductance", shape=()),
    _entry("HamiltonianCavity.hamiltonians", lambda: HamiltonianCavity(8, 1, 2, 1), "hamiltonians",
           shape=(8, 8)),
    _entry("HamiltonianCavity.sample", lambda: HamiltonianCavity(8, 1, 2, 2), "sample", shape=(3, 3)),
    _entry("HamiltonianCavity.sample_poles", lambda: HamiltonianCavity(8, 1, 2, 4), "sample_poles",
           shape=(8,)),
    _entry("HamiltonianCavity.sample_parametric", lambda: HamiltonianCavity(8, 1, 1, 1),
           "sample_parametric", kwargs={"x": [0.0, 0.5], "energy": [0.0]}, shape=(2, 1, 2, 2)),
    _entry("dmpk_transmissions", lambda: types.SimpleNamespace(dmpk_transmissions=dmpk_transmissions),
           "dmpk_transmissions", args=(3, 1.0, 1), kwargs={"slices": 4}, shape=(3,)),
    _entry("conductance_fingerprints", lambda: None, "conductance_fingerprints",
           args=(HamiltonianCavity(8, 1, 1, 2),), kwargs={"energy": [0.0, 1.0]}, shape=(1, 2)),
    _entry("VoltageProbeCavity.sample", lambda: VoltageProbeCavity(1, 1, 2, 1), "sample", shape=(4, 4)),
    _entry("VoltageProbeCavity.transmissions", lambda: VoltageProbeCavity(1, 1, 2, 2),
           "transmissions", shape=(3, 3)),
    _entry("VoltageProbeCavity.conductance", lambda: VoltageProbeCavity(1, 1, 2, 4), "conductance",
           shape=()),
    _entry("HamiltonianProbeCavity.transmissions", lambda: HamiltonianProbeCavity(10, 1, 1, 1, 1.0, 2),
           "transmissions", shape=(3, 3)),
    _entry("HamiltonianProbeCavity.conductance", lambda: HamiltonianProbeCavity(10, 1, 1, 2, 1.0, 2),
           "conductance", shape=()),
    _entry("ImaginaryPotentialCavity.hamiltonians", lambda: ImaginaryPotentialCavity(8, 1, 1, 1, 0.5),
           "hamiltonians", shape=(8, 8)),
    _entry("ImaginaryPotentialCavity.sample", lambda: ImaginaryPotentialCavity(8, 1, 1, 2, 0.5),
           "sample", shape=(2, 2)),
    _entry("ImaginaryPotentialCavity.transmissions", lambda: ImaginaryPotentialCavity(8, 1, 1, 1, 0.5),
           "transmissions", shape=(3, 3)),
    _entry("ImaginaryPotentialCavity.conductance", lambda: ImaginaryPotentialCavity(8, 1, 1, 4, 0.5),
           "conductance", shape=()),
    _entry("Wire.sample_transmission_eigenvalues", lambda: Wire(3, 4, W=1.5),
           "sample_transmission_eigenvalues", args=(0.3,), shape=None),
    _entry("Device.sample_smatrix", lambda: Device(square(), rectangle(0, 3, 0, 2),
                                                   [lead("-x"), lead("+x")], W=1.0),
           "sample_smatrix", args=(0.5,), shape=None),
    _entry("Device.sample_transmission", lambda: Device(square(), rectangle(0, 3, 0, 2),
                                                        [lead("-x"), lead("+x")], W=1.0),
           "sample_transmission", args=(1, 0, 0.5), shape=()),
    _entry("XXZChain.fields", lambda: XXZChain(6, W=1.0), "fields", shape=(6,)),
    _entry("XXZChain.eigvals", lambda: XXZChain(6, W=1.0), "eigvals", shape=(20,)),
    _entry("Wire.sample_conductance", lambda: Wire(3, 4, W=1.5, flux=0.1), "sample_conductance",
           args=(0.3,), shape=()),
]

#: Public callables with an ``rng`` parameter that are not ``method(size, *, rng)`` samplers,
#: and where their own contract is tested.
NOT_BATCH_SAMPLERS = {
    "Anderson.realisation": "fixed sample, test_realisation_is_drawn_at_once",
    "Anderson.hamiltonian": "one sparse matrix (rng keyword-only), test_single_draw_methods",
    "Anderson.realisation_seeds": "seeds of eigvals/onsite batches, test_anderson_batches_are_spawned",
    "Anderson.sample_eigvals": "deprecated alias of Anderson.eigvals",
    "Wire.realisation": "fixed sample, test_wire_realisation_is_drawn_at_once",
    "Device.realisation": "fixed sample, drawn at once (tests/test_device.py)",
    "XXZChain.hamiltonian": "one sparse matrix (rng keyword-only), tests/test_models.py",
    "syk_hamiltonian": "one dense matrix (rng keyword-only), tests/test_models.py",
    "syk_eigvals": "one spectrum (rng keyword-only), tests/test_models.py",
    "lyapunov_exponents": "one long transfer-matrix chain (rng keyword-only), tests/test_localization.py",
    "kpm_density": "stochastic estimator (random vectors, rng keyword-only), tests/test_kpm.py",
    "sweep": "executor of user functions, tests/test_sweep.py (module rmt_meso.sweeps)",
}
# Sweep kernels, fn(rng, size, **params) (the executor's positional calling convention), are
# recognised by their signature in test_registry_is_complete.


def _as_arrays(x):
    """Flatten a sample (array, tuple of arrays or SMatrix) for comparison."""
    if isinstance(x, SMatrix):
        return [x.matrix]
    if isinstance(x, tuple):
        return [np.asarray(a) for a in x]
    return [np.asarray(x)]


def _same(a, b):
    return all(np.array_equal(u, v) for u, v in zip(_as_arrays(a), _as_arrays(b)))


def _shape(x):
    return np.shape(_as_arrays(x)[0])


def _method(make, method):
    obj = make()
    return conductance_fingerprints if obj is None else getattr(obj, method)


def _call(make, method, args, kwargs, size=None, **extra):
    return _method(make, method)(*args, size, **kwargs, **extra)


@pytest.mark.parametrize("make, method, args, kwargs, shape", SAMPLERS)
def test_rng_is_keyword_only_and_size_first(make, method, args, kwargs, shape):
    sig = inspect.signature(_method(make, method))
    params = list(sig.parameters.values())
    assert sig.parameters["rng"].kind is inspect.Parameter.KEYWORD_ONLY
    assert sig.parameters["rng"].default is None
    size = sig.parameters["size"]
    assert size.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD and size.default is None
    assert params.index(size) == len(args), "size must follow the quantity's own arguments"


@pytest.mark.parametrize("make, method, args, kwargs, shape", SAMPLERS)
def test_same_seed_same_numbers_for_every_seed_kind(make, method, args, kwargs, shape):
    for seed in (7, np.random.SeedSequence(7)):
        a = _call(make, method, args, kwargs, 3, rng=seed)
        b = _call(make, method, args, kwargs, 3, rng=seed)
        assert _same(a, b), f"{method} with rng={seed!r} is not reproducible"
    g1, g2 = np.random.default_rng(7), np.random.default_rng(7)
    a, b = (_call(make, method, args, kwargs, 3, rng=g) for g in (g1, g2))
    assert _same(a, b)
    # a Generator's stream continues: the next draw differs from the first
    assert not _same(a, _call(make, method, args, kwargs, 3, rng=g1))
    # int and SeedSequence of the same entropy are the same seed
    assert _same(_call(make, method, args, kwargs, 3, rng=7),
                 _call(make, method, args, kwargs, 3, rng=np.random.SeedSequence(7)))
    # None draws fresh entropy
    assert not _same(_call(make, method, args, kwargs, 3), _call(make, method, args, kwargs, 3))
    assert not _same(_call(make, method, args, kwargs, 3, rng=7),
                     _call(make, method, args, kwargs, 3, rng=8))


@pytest.mark.parametrize("make, method, args, kwargs, shape", SAMPLERS)
def test_size_none_drops_the_sample_axis(make, method, args, kwargs, shape):
    one = _call(make, method, args, kwargs, None, rng=3)
    many = _call(make, method, args, kwargs, 4, rng=3)
    if shape is not None:
        assert _shape(one) == shape
    for u, v in zip(_as_arrays(one), _as_arrays(many)):
        assert v.shape == (4,) + u.shape, (u.shape, v.shape)
    # rows of a batch are different samples
    rows = _as_arrays(many)[0]
    assert not np.array_equal(rows[0], rows[1])


@pytest.mark.parametrize("make, method, args, kwargs, shape", SAMPLERS)
def test_positional_rng_is_deprecated_not_broken(make, method, args, kwargs, shape):
    with pytest.warns(DeprecationWarning, match="positionally|rng first"):
        old = _method(make, method)(*args, 2, 5, **kwargs)
    assert _same(old, _call(make, method, args, kwargs, 2, rng=5))


@pytest.mark.parametrize("make, method, args, kwargs, shape", SAMPLERS)
def test_bad_size_and_rng_are_clear_errors(make, method, args, kwargs, shape):
    with pytest.raises(ValueError, match="size must be an integer >= 1; got 0"):
        _call(make, method, args, kwargs, 0, rng=1)
    with pytest.raises(TypeError, match="size must be an integer"):
        _call(make, method, args, kwargs, 2.0, rng=1)
    with pytest.raises(TypeError, match="rng must be None, a non-negative int"):
        _call(make, method, args, kwargs, 2, rng="seed")
    with pytest.raises(ValueError, match="rng must be a non-negative integer seed"):
        _call(make, method, args, kwargs, 2, rng=-1)


def _public_rng_callables():
    """(qualified name, callable) of every public function or method with an rng parameter."""
    found = {}
    for info in pkgutil.walk_packages(rmt_meso.__path__, "rmt_meso."):
        if any(part.startswith("_") for part in info.name.split(".")[1:]):
            continue
        if info.name.split(".")[1] in ("claims", "plot", "cli", "report"):
            continue
        mod = importlib.import_module(info.name)
        for name, obj in vars(mod).items():
            if name.startswith("_") or getattr(obj, "__module__", None) != mod.__name__:
                continue
            members = inspect.getmembers(obj) if inspect.isclass(obj) else [(None, obj)]
            for mname, f in members:
                if mname is not None and (mname.startswith("_") or not callable(f)):
                    continue
                try:
                    sig = inspect.signature(f)
                except (TypeError, ValueError):
                    continue
                if "rng" in sig.parameters:
                    found[name if mname is None else f"{name}.{mname}"] = f
    return found


def _is_sweep_kernel(f) -> bool:
    """``fn(rng, size, **params)``: the executor's positional calling convention."""
    params = list(inspect.signature(f).parameters.values())
    return (len(params) >= 2 and params[0].name == "rng"
            and params[1].kind is inspect.Parameter.POSITIONAL_OR_KEYWORD
            and params[1].default is params[1].empty)


def test_registry_is_complete():
    registered = {p.id.split("-")[0] for p in SAMPLERS}
    found = _public_rng_callables()
    kernels = {name for name, f in found.items() if _is_sweep_kernel(f)}
    missing = set(found) - registered - set(NOT_BATCH_SAMPLERS) - kernels
    assert not missing, f"samplers without contract tests: {sorted(missing)}"
    # a kernel's second parameter counts samples: it is called size, never n (a system size)
    misnamed = {k for k in kernels if list(inspect.signature(found[k]).parameters)[1] != "size"}
    assert not misnamed, f"sweep kernels whose sample count is not called size: {sorted(misnamed)}"


def test_realisation_is_drawn_at_once():
    """A fixed sample does not depend on later, unrelated use of the same generator."""
    model = Anderson((4, 4), W=3.0)
    gen = np.random.default_rng(11)
    r = model.realisation(gen)
    gen.random(1000)                         # unrelated use of the same generator
    fresh = model.realisation(np.random.default_rng(11))
    np.testing.assert_array_equal(r.onsite, fresh.onsite)
    np.testing.assert_array_equal(r.eigvals(), model.eigvals(rng=11))
    assert not r.onsite.flags.writeable
    with pytest.raises(TypeError, match="takes no 'rng'"):
        r.eigvals(rng=1)


def test_wire_realisation_is_drawn_at_once():
    wire = Wire(4, 6, W=2.0)
    gen = np.random.default_rng(3)
    r = wire.realisation(gen)
    gen.random(1000)
    fresh = wire.realisation(np.random.default_rng(3))
    np.testing.assert_array_equal(r.onsite, fresh.onsite)
    assert r.conductance(0.4) == fresh.conductance(0.4)
    # a batch is the sequence of realisations drawn one after another from one generator
    tn = wire.sample_transmission_eigenvalues(0.4, 3, rng=9)
    gen = np.random.default_rng(9)
    loop = [wire.realisation(gen).transmission_eigenvalues(0.4) for _ in range(3)]
    np.testing.assert_allclose(tn, loop, atol=1e-12)
    with pytest.warns(DeprecationWarning, match="realisation"):
        old = Wire(4, 6, W=2.0, rng=3)
    np.testing.assert_array_equal(old.onsite, fresh.onsite)


def test_anderson_batches_are_spawned():
    """Row i of a batch is the realisation of the i-th spawned seed, for every method."""
    model = Anderson((4, 5), W=2.0, boundary="periodic")
    seeds = model.realisation_seeds(3, rng=5)
    on = model.onsite(3, rng=5)
    ev = model.eigvals(3, rng=5)
    shifted = model.eigvals(3, rng=5, twist=(np.pi, 0.0))
    for i, s in enumerate(seeds):
        r = model.realisation(s)
        np.testing.assert_array_equal(on[i], r.onsite)
        np.testing.assert_array_equal(ev[i], r.eigvals())
        np.testing.assert_allclose(shifted[i], r.eigvals(twist=(np.pi, 0.0)), atol=1e-12)
    with pytest.raises(ValueError, match="onsite gives one realisation"):
        model.eigvals(2, onsite=on[0])


def test_single_draw_methods():
    model = Anderson((3, 3), W=1.0)
    h = model.hamiltonian(rng=4)
    np.testing.assert_array_equal(h.diagonal().real, model.onsite(rng=4).ravel())
    with pytest.warns(DeprecationWarning, match="positionally"):
        old = model.hamiltonian(4)
    assert (old != h).nnz == 0
    # the old Anderson form, rng first, still works for generators
    with pytest.warns(DeprecationWarning, match="rng first"):
        e = model.eigvals(np.random.default_rng(2))
    np.testing.assert_array_equal(e, model.eigvals(rng=np.random.default_rng(2)))
    with pytest.warns(DeprecationWarning, match="sample_eigvals"):
        np.testing.assert_array_equal(model.sample_eigvals(2, rng=1), model.eigvals(2, rng=1))


def test_no_deprecation_warnings_on_the_new_forms():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        GOE(3).eigvals(2, rng=1)
        Anderson((3,), W=1.0).eigvals(2, rng=1)
        Anderson((3,), W=1.0).realisation(1).eigvals()

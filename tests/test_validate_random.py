"""The shared argument checks and the single rng path."""

import numpy as np
import pytest

from rmt_meso._random import as_generator, as_seed_sequence, spawn_seeds
from rmt_meso._validate import (check_array, check_beta, check_bool, check_choice, check_fraction,
                                check_int, check_real)


@pytest.mark.parametrize("value, exc, match", [
    (2.0, TypeError, "n must be an integer; got 2.0"),
    (True, TypeError, "n must be an integer"),
    ("3", TypeError, "n must be an integer"),
    (0, ValueError, "n must be an integer >= 1; got 0"),
])
def test_check_int_rejects(value, exc, match):
    with pytest.raises(exc, match=match):
        check_int("n", value, minimum=1)


def test_check_int_accepts_numpy_integers():
    assert check_int("n", np.int64(5), minimum=1) == 5


@pytest.mark.parametrize("value, exc, match", [
    (float("nan"), ValueError, "W must be a finite real number; got nan"),
    (float("inf"), ValueError, "finite"),
    (-1.0, ValueError, "W must be >= 0.0; got -1.0"),
    (1j, TypeError, "W must be a real number"),
    (None, TypeError, "W must be a real number"),
])
def test_check_real_rejects(value, exc, match):
    with pytest.raises(exc, match=match):
        check_real("W", value, minimum=0.0)


def test_check_beta():
    assert check_beta(2.5) == 2.5
    assert check_beta(4.0, allowed=(1, 2, 4)) == 4
    with pytest.raises(ValueError, match=r"beta must be one of \(1, 2, 4\); got 3"):
        check_beta(3, allowed=(1, 2, 4))
    with pytest.raises(ValueError, match="beta must be > 0.0"):
        check_beta(0)


def test_check_choice_and_bool_and_fraction():
    assert check_choice("method", "dense", ("dense", "tridiagonal")) == "dense"
    with pytest.raises(ValueError, match=r"method must be one of \('dense', 'tridiagonal'\); got 'qr'"):
        check_choice("method", "qr", ("dense", "tridiagonal"))
    with pytest.raises(TypeError, match="flag must be a bool"):
        check_bool("flag", 1)
    with pytest.raises(ValueError, match="bulk must be <= 1.0"):
        check_fraction("bulk", 1.5)
    with pytest.raises(ValueError, match="bulk must be > 0.0"):
        check_fraction("bulk", 0.0)


def test_check_array():
    with pytest.raises(ValueError, match="x must contain only finite values"):
        check_array("x", [1.0, np.nan])
    with pytest.raises(TypeError, match="x must be real"):
        check_array("x", [1j])
    with pytest.raises(ValueError, match=r"x must have shape \(3, any\); got \(2, 2\)"):
        check_array("x", np.zeros((2, 2)), shape=(3, None))
    with pytest.raises(ValueError, match="at least 2 values"):
        check_array("x", [1.0], min_size=2)


@pytest.mark.parametrize("seed", [7, np.random.SeedSequence(7)])
def test_same_seed_same_numbers(seed):
    a = as_generator(seed).standard_normal(5)
    b = as_generator(np.random.SeedSequence(7) if isinstance(seed, np.random.SeedSequence) else 7).standard_normal(5)
    np.testing.assert_array_equal(a, b)


def test_generator_passes_through_and_none_differs():
    g = np.random.default_rng(1)
    assert as_generator(g) is g
    assert not np.array_equal(as_generator(None).random(4), as_generator(None).random(4))


@pytest.mark.parametrize("bad", [1.5, "seed", -3, [1, 2]])
def test_bad_rng(bad):
    with pytest.raises((TypeError, ValueError), match="rng must be"):
        as_generator(bad)


def test_spawn_is_reproducible_from_generator_seed():
    a = [s.generate_state(1)[0] for s in spawn_seeds(np.random.default_rng(3), 3)]
    b = [s.generate_state(1)[0] for s in spawn_seeds(np.random.default_rng(3), 3)]
    assert a == b and len(set(a)) == 3
    assert isinstance(as_seed_sequence(5), np.random.SeedSequence)


def test_spawn_seeds_does_not_advance_a_seed_sequence():
    ss = np.random.SeedSequence(5)
    a = [s.generate_state(1)[0] for s in spawn_seeds(ss, 3)]
    b = [s.generate_state(1)[0] for s in spawn_seeds(ss, 3)]
    c = [s.generate_state(1)[0] for s in np.random.SeedSequence(5).spawn(3)]
    assert a == b == c and ss.n_children_spawned == 0

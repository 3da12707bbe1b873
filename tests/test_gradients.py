"""antirectifier_tutorial/gradients.py: the one per-backend gradient helper (notebook 02, the
layer's tests and the benchmarks use it), on the backend in KERAS_BACKEND."""

import numpy as np
import pytest
from keras import ops

from antirectifier_tutorial.gradients import gradient_function, gradient_of

X = np.random.default_rng(0).standard_normal((3, 4)).astype("float32")
WEIGHTS = np.random.default_rng(1).standard_normal((3, 4)).astype("float32")


@pytest.mark.parametrize("jit", [False, True], ids=["eager", "compiled"])
def test_gradient_of_a_weighted_square_is_twice_x_times_the_weights(jit):
    gradient = gradient_function(ops.square, WEIGHTS, jit=jit)(X)
    assert isinstance(gradient, np.ndarray)
    np.testing.assert_allclose(gradient, 2 * X * WEIGHTS, rtol=1e-6)


def test_default_weights_are_fixed_and_give_each_output_its_own_weight():
    gradient = gradient_of(lambda v: v * 1.0, X)  # the gradient of sum(x * w) is w itself
    np.testing.assert_array_equal(gradient, gradient_of(lambda v: v * 1.0, X))
    assert len(np.unique(gradient)) == gradient.size, "not a plain sum: every output counts apart"

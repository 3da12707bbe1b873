"""How fast does the reference comparison train: plain Keras defaults against the tutorial's way.

    KERAS_BACKEND=jax python -m benchmarks.train_speed --epochs 4      (from the repository root)

On MNIST (MNIST_NPZ, else a download), it trains four models in rotation, validating on the
10,000 test images every epoch (benchmarks/common.py):

  (a) the original recipe with plain Keras defaults, as the original script wrote it:
      its Antirectifier (mean, l2_normalize, relu, concatenate) or ReLU, compile() and fit()
      with nothing but the recipe's arguments;
  (b) the same recipe as the tutorial trains it: the layer and model builder of
      antirectifier_tutorial/ (what notebook 02 builds), compiled with the tutorial's options
      for the backend (antirectifier_tutorial/timing.py: fast_compile_options):
      steps_per_execution=32, and on TensorFlow jit_compile=True.

It prints a table of median epochs, test accuracies, the ratios (b)/(a) and
Antirectifier/ReLU, and each model's median epoch over the arithmetic floors measured in the
same run (benchmarks/floor.py); then times the layers alone, forward plus backward.
"""

from __future__ import annotations

from benchmarks.recording import training_benchmark

# Keras and the backend are imported inside the functions, after the arguments are parsed.


def settings(data):
    from antirectifier_tutorial.models import reference_model
    from antirectifier_tutorial.timing import fast_compile_options, recompiled
    from benchmarks.common import ACTIVATIONS, original_model

    options = fast_compile_options()

    def tutorial(activation):
        return recompiled(reference_model(activation), **options)

    return {
        "(a) plain defaults": {
            activation: original_model(activation) for activation in ACTIVATIONS
        },
        "(b) tutorial, " + ", ".join(f"{key}={value}" for key, value in options.items()): {
            activation: tutorial(activation) for activation in ACTIVATIONS
        },
    }


def main(argv=None):
    return training_benchmark(__doc__, "benchmarks.train_speed", settings, epochs=4, argv=argv)


if __name__ == "__main__":
    raise SystemExit(main())

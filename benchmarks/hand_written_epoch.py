"""How near the rate floor can the recipe's epoch get at all? Keras's dropout masks priced
alone, and on JAX the whole epoch written by hand, without Keras's fit().

    KERAS_BACKEND=jax python -m benchmarks.hand_written_epoch        (from the repository root)
    python -m benchmarks.hand_written_epoch                           (TensorFlow: masks only)

Issue #23 asked for the Antirectifier model's epoch within 1.5 times its rate floor
(benchmarks/floor.py). This script measures what stands in the way, in two rotations (the mask
rows among themselves, then the epoch rows; each row once per round, the order reversed every
other round), after one untimed call per row:

  masks       the recipe's two dropout masks per training step (128 x 512 values each, rate
              0.1), drawn by the operation Keras's Dropout layer calls, in one compiled loop
              over an epoch's steps, every value of every mask summed (so that none is dead
              code): on TensorFlow tf.nn.experimental.stateless_dropout, with XLA and without;
              on JAX keras.random.dropout with jax_threefry_partitionable=True (JAX's default)
              and False (both threefry: other masks, each value still kept with probability 0.9);
  by hand     JAX only: one jitted lax.scan over the epoch's full batches of the real MNIST
              images (468 of 128, in a fixed order; fit() also trains on the last 96 and
              shuffles), then one forward pass over the 10,000 test images (fit() validates in
              batches of 128 and also computes the loss): the tutorial's Antirectifier layer,
              Keras's dropout operation, cross-entropy from logits (log_softmax) and RMSprop
              with Keras's defaults, written out; then the same with parts removed. In the same
              rotation, the tutorial's own fit() with 04's options (steps_per_execution=32),
              validating on the test images, one epoch per round, timed from the epoch's start
              to its end as the other benchmarks time it (antirectifier_tutorial/timing.py).

Every row is divided by the recipe's rate floor with validation: the floor to which issue
#23's target of 1.5 refers. The script checks that jax_threefry_partitionable reached the
compiled functions (other masks, other trained weights) and stops with an error if not.
"""

from __future__ import annotations

from benchmarks.recording import count, parser_with_output, recorded

# Keras and the backend are imported inside the functions, after the arguments are parsed.

BATCH = 128
DROPOUT_RATE = 0.1
MASK_WIDTH = 512  # the Antirectifier's output: twice Dense(256)
# The two hand-written rows that differ only in jax_threefry_partitionable.
BY_HAND = "the recipe by hand"
BY_HAND_OTHER_STREAM = "  the same, jax_threefry_partitionable=False"


def in_rotation(runs, rounds):
    """({name: [seconds per round]}, {name: what its last call returned}).

    Each run returns (result, seconds), or (result, None) to be timed from outside. One
    untimed call each first; the order reversed every other round, so that a slow spell of
    the machine, and the cost of going first, are spread over the rows."""
    import time

    results = {name: run()[0] for name, run in runs.items()}
    seconds = {name: [] for name in runs}
    for round_number in range(rounds):
        names = list(runs) if round_number % 2 == 0 else list(reversed(runs))
        for name in names:
            started = time.perf_counter()
            results[name], inside = runs[name]()
            seconds[name].append(time.perf_counter() - started if inside is None else inside)
    return seconds, results


def mask_runs(steps):
    """{label: a call that draws an epoch's dropout masks, returning (their sum, None)}."""
    import keras

    backend = keras.backend.backend()
    if backend == "tensorflow":
        import tensorflow as tf

        ones = tf.ones((BATCH, MASK_WIDTH))

        def masks(jit_compile):
            @tf.function(jit_compile=jit_compile)
            def epoch():
                total = tf.constant(0.0)
                for step_index in tf.range(steps):
                    for layer in (1, 2):
                        seed = tf.stack([step_index, layer])
                        dropped = tf.nn.experimental.stateless_dropout(ones, DROPOUT_RATE, seed)
                        total += tf.reduce_sum(dropped)
                return total

            return lambda: (float(epoch()), None)

        return {
            "TensorFlow, with XLA (the tutorial's setting)": masks(True),
            "TensorFlow, without XLA": masks(False),
        }
    if backend == "jax":
        import jax

        ones = jax.numpy.ones((BATCH, MASK_WIDTH))

        def masks(partitionable):
            @jax.jit
            def epoch(key):
                def step(total, step_index):
                    step_key = jax.random.fold_in(key, step_index)
                    for layer in (1, 2):
                        seed = jax.random.fold_in(step_key, layer)
                        total += jax.numpy.sum(keras.random.dropout(ones, DROPOUT_RATE, seed=seed))
                    return total, None

                return jax.lax.scan(step, 0.0, jax.numpy.arange(steps))[0]

            key = jax.numpy.array([0, 1337], dtype="uint32")  # a raw key, as Keras's seeds are
            return with_partitionable(partitionable, lambda: (float(epoch(key)), None))

        return {
            "JAX, jax_threefry_partitionable=True (its default)": masks(True),
            "JAX, jax_threefry_partitionable=False": masks(False),
        }
    raise SystemExit(f"no dropout masks for the {backend} backend here: use tensorflow or jax")


def with_partitionable(partitionable, run):
    """`run`, called with jax_threefry_partitionable set as asked (and restored after)."""
    import jax

    def call():
        previous = jax.config.jax_threefry_partitionable
        jax.config.update("jax_threefry_partitionable", partitionable)
        try:
            return run()
        finally:
            jax.config.update("jax_threefry_partitionable", previous)

    return call


def epochs_by_hand(x_train, y_train, x_test, y_test):
    """{label: a call that trains one epoch from the same initial weights, returning
    ((test accuracy, sum of the trained weights), None)}."""
    import jax
    import jax.numpy as jnp
    import keras

    from antirectifier_tutorial.layer import Antirectifier

    steps = len(x_train) // BATCH
    data = {
        "images": jnp.asarray(x_train[: steps * BATCH].reshape(steps, BATCH, -1)),
        "labels": jnp.asarray(y_train[: steps * BATCH].reshape(steps, BATCH, -1)),
        "test_images": jnp.asarray(x_test),
        "test_labels": jnp.asarray(y_test),
        "key": jnp.array([0, 1337], dtype="uint32"),  # a raw key, as Keras's seeds are
    }
    antirectifier = Antirectifier()

    def crelu(x):
        return jnp.concatenate([jax.nn.relu(x), jax.nn.relu(-x)], axis=-1)

    glorot = keras.initializers.GlorotUniform(seed=1337)
    initial_weights = {
        "w1": jnp.asarray(glorot((784, 256))),
        "b1": jnp.zeros(256),
        "w2": jnp.asarray(glorot((512, 256))),
        "b2": jnp.zeros(256),
        "w3": jnp.asarray(glorot((512, 10))),
        "b3": jnp.zeros(10),
    }

    def forward(weights, x, activation, key=None):
        h = x
        for layer in (1, 2):
            h = activation(h @ weights[f"w{layer}"] + weights[f"b{layer}"])
            if key is not None:
                h = keras.random.dropout(h, DROPOUT_RATE, seed=jax.random.fold_in(key, layer))
        return h @ weights["w3"] + weights["b3"]

    def make_epoch(activation, dropout, optimizer):
        def loss(weights, x, y, key):
            logits = forward(weights, x, activation, key if dropout else None)
            return -jnp.mean(jnp.sum(y * jax.nn.log_softmax(logits), axis=-1))

        def step(state, batch):
            weights, velocities, key = state
            x, y, step_index = batch
            gradients = jax.grad(loss)(weights, x, y, jax.random.fold_in(key, step_index))
            if optimizer == "rmsprop":  # Keras's RMSprop defaults: rho 0.9, epsilon 1e-7
                velocities = jax.tree.map(
                    lambda v, g: 0.9 * v + 0.1 * jnp.square(g), velocities, gradients
                )
                weights = jax.tree.map(
                    lambda w, g, v: w - 0.001 * g / jnp.sqrt(v + 1e-7),
                    weights,
                    gradients,
                    velocities,
                )
            else:  # plain SGD, Keras's default learning rate
                weights = jax.tree.map(lambda w, g: w - 0.01 * g, weights, gradients)
            return (weights, velocities, key), None

        # Everything is an argument, nothing a captured constant: as constants, some 200 MB of
        # images would be embedded in the compiled program, and XLA could precompute whatever
        # depends on them alone.
        @jax.jit
        def epoch(weights, images, labels, test_images, test_labels, key):
            velocities = jax.tree.map(jnp.zeros_like, weights)
            batches = (images, labels, jnp.arange(steps))
            weights = jax.lax.scan(step, (weights, velocities, key), batches)[0][0]
            predicted = jnp.argmax(forward(weights, test_images, activation), axis=-1)
            accuracy = jnp.mean(predicted == jnp.argmax(test_labels, axis=-1))
            return accuracy, sum(jnp.sum(value) for value in weights.values())

        def call():
            accuracy, weights_sum = epoch(initial_weights, **data)
            return (float(accuracy), float(weights_sum)), None

        return call

    # jax_threefry_partitionable is read while tracing (and is part of JAX's cache key): every
    # call of a row, the untimed first one included, runs under the row's own setting.
    return {
        BY_HAND: with_partitionable(True, make_epoch(antirectifier, True, "rmsprop")),
        BY_HAND_OTHER_STREAM: with_partitionable(False, make_epoch(antirectifier, True, "rmsprop")),
        "  - dropout": make_epoch(antirectifier, dropout=False, optimizer="rmsprop"),
        "  - dropout, Antirectifier -> CReLU, RMSprop -> SGD": make_epoch(
            crelu, dropout=False, optimizer="sgd"
        ),
    }


def tutorial_fit(x_train, y_train, x_test, y_test):
    """A call that trains the tutorial's Antirectifier model one more epoch its way (04's
    options) and returns (None, the epoch's seconds): its accuracy, after several epochs,
    would not compare with the hand-written rows'."""
    from antirectifier_tutorial.models import reference_model
    from antirectifier_tutorial.timing import EpochTimer, fast_compile_options, recompiled

    model = recompiled(reference_model("antirectifier"), **fast_compile_options())

    def epoch():
        timer = EpochTimer()
        model.fit(
            x_train,
            y_train,
            batch_size=BATCH,
            epochs=1,
            verbose=0,
            callbacks=[timer],
            validation_data=(x_test, y_test),
        )
        return None, timer.seconds[0]

    return with_partitionable(True, epoch) if _on_jax() else epoch


def _on_jax():
    import keras

    return keras.backend.backend() == "jax"


def check_the_flag_reached(results, first, second, what):
    """Two rows that differ only in jax_threefry_partitionable must not return the same."""
    if results[first] == results[second]:
        raise RuntimeError(
            f"'{first.strip()}' and '{second.strip()}' returned the same {what} "
            f"({results[first]}): jax_threefry_partitionable did not reach the compiled function"
        )


def print_table(title, seconds, floor, accuracies=None):
    """A Markdown table of the rows' median seconds, spread, ratio to the floor and seconds
    round by round (for differences of paired rounds), with accuracies where given."""
    import numpy as np

    header = "| row | median | spread (min-max) | median / rate floor | seconds, round by round |"
    rule = "|---|---|---|---|---|"
    if accuracies is not None:
        header, rule = header + " test accuracy after the epoch |", rule + "---|"
    print(f"\n{title}\n\n{header}\n{rule}")
    for name, values in seconds.items():
        median = float(np.median(values))
        cells = [name, f"{median:.3f} s", f"{min(values):.3f}-{max(values):.3f} s"]
        cells += [f"{median / floor:.2f}", " ".join(f"{value:.3f}" for value in values)]
        if accuracies is not None:
            accuracy = accuracies[name]
            cells.append("-" if accuracy is None else f"{accuracy:.4f}")
        print("| " + " | ".join(cells) + " |")


def main(argv=None) -> int:
    parser = parser_with_output(__doc__, "hand_written_epoch.md")
    add = parser.add_argument
    add("--rounds", type=count(1), default=7, help="timed calls per row, in rotation")
    add("--train-samples", type=count(BATCH, 60_000), default=60_000, help="images per epoch")
    args = parser.parse_args(argv)

    with recorded(args.output, "benchmarks.hand_written_epoch", argv):
        import keras

        from antirectifier_tutorial.mnist import mnist_for_dense_layers
        from antirectifier_tutorial.models import reference_model
        from benchmarks.floor import matmul_rate, rate_floor_seconds

        (x_train, y_train), (x_test, y_test) = mnist_for_dense_layers()
        x_train, y_train = x_train[: args.train_samples], y_train[: args.train_samples]
        steps = len(x_train) // BATCH
        rates = [matmul_rate()]

        mask_seconds, mask_sums = in_rotation(mask_runs(steps), args.rounds)
        title = f"Dropout masks alone: two of {BATCH} x {MASK_WIDTH} per step, {steps} steps"
        tables = [(title, mask_seconds, None)]
        if _on_jax():
            data = (x_train, y_train, x_test, y_test)
            runs = {"the tutorial's fit(), steps_per_execution=32": tutorial_fit(*data)}
            runs.update(epochs_by_hand(*data))
            epoch_seconds, results = in_rotation(runs, args.rounds)
            accuracies = {name: result and result[0] for name, result in results.items()}
            title = "One training epoch, then the test images (forward only)"
            tables.append((title, epoch_seconds, accuracies))
            check_the_flag_reached(mask_sums, *mask_sums, "sum of masks")
            check_the_flag_reached(results, BY_HAND, BY_HAND_OTHER_STREAM, "trained weights")
        rates.append(matmul_rate())
        # A floor is a best case: the faster of the two rates sets it, so that a slow spell
        # while measuring cannot make the target easier.
        model = reference_model("antirectifier")
        floor = rate_floor_seconds(model, len(x_train), len(x_test), max(rates))
        print(
            f"backend {keras.backend.backend()}; {len(x_train):,} training images, batch {BATCH}"
            f" ({steps} steps); {args.rounds} round(s) in rotation after one untimed call per"
            f" row\nNumPy float32 2048 x 2048 product, before and after the timing: "
            f"{rates[0] / 1e9:.0f} and {rates[1] / 1e9:.0f} GFLOP/s; the Antirectifier model's"
            f" rate floor at the faster, validation on {len(x_test):,} images included: "
            f"{floor:.3f} s"
        )
        for title, seconds, accuracies in tables:
            print_table(title, seconds, floor, accuracies)
        if not _on_jax():
            print("\n(the epoch by hand runs on JAX only: KERAS_BACKEND=jax)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

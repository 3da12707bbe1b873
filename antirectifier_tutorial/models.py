import keras

from antirectifier_tutorial.layer import Antirectifier


def reference_model(activation="antirectifier", width=None, seed=1337):
    """The original example's MLP, compiled with its recipe (RMSprop, cross-entropy).

    [Dense(width) -> activation -> Dropout(0.1)] twice, then Dense(10) with softmax.
    `activation` is "antirectifier", "relu", or a function that takes a layer name and
    returns a new activation layer (for variants). The defaults are the original comparison:
    Dense(256) with the Antirectifier, Dense(512) with ReLU.
    """
    known = {"antirectifier": Antirectifier, "relu": keras.layers.ReLU}
    if callable(activation):
        make_activation, kind = activation, "activation"
    elif activation in known:
        make_activation, kind = known[activation], activation
    else:
        raise ValueError(
            f"activation must be {list(known)} or a function returning a layer, not {activation!r}"
        )
    width = width or (512 if activation == "relu" else 256)
    # What one seed shares between models (pinned by tests/test_shared_seed.py): every layer
    # whose weights have the same shape and position starts from the same values (the first
    # Dense kernel of Dense(256) with ReLU and with the Antirectifier is identical, and so is
    # the 512 x 10 classifier kernel of the Antirectifier model and of ReLU Dense(512));
    # kernels of different shapes share nothing, not even a slice; every model's dropout
    # layers start from the same seed states; and the global generators from which fit()
    # shuffles are reset, so models trained after the same seed may see the batches in the
    # same order.
    keras.utils.set_random_seed(seed)
    stack = [keras.Input(shape=(784,), name="pixels")]
    for i in (1, 2):
        stack += [
            keras.layers.Dense(width, name=f"dense_{i}"),
            make_activation(name=f"{kind}_{i}"),
            keras.layers.Dropout(0.1, name=f"dropout_{i}"),
        ]
    stack.append(keras.layers.Dense(10, activation="softmax", name="classifier"))
    model = keras.Sequential(stack, name=f"{kind}_{width}")
    model.compile(
        optimizer=keras.optimizers.RMSprop(), loss="categorical_crossentropy", metrics=["accuracy"]
    )
    return model

import contextlib
import importlib
import importlib.metadata
import importlib.util
import json
import os
import platform
import sys
from pathlib import Path

# The backends Keras can use here, and the package each one needs. The notebooks are tested
# on TensorFlow and JAX; the layer's unit tests also pass on PyTorch.
KERAS_BACKENDS = {"tensorflow": "tensorflow", "jax": "jax", "torch": "torch"}
REQUIRED_PACKAGES = ("keras", "numpy", "scipy", "matplotlib", "packaging")
# jaxlib 0.7.1, 0.7.2 and 0.8.0 were seen to train wrongly on CPUs, silently, when a compiled
# step donates its buffers, as Keras's JAX trainer does with the model's state; 0.8.3 and later
# train right. Turning off XNNPACK avoids it. The flag is set from 0.7.1 up to 0.8.3, so 0.8.1
# and 0.8.2 (not checked) get it too.
JAXLIB_WITH_WRONG_CPU_TRAINING = ("0.7.1", "0.8.3")
JAX_CPU_WORKAROUND = "--xla_cpu_use_xnnpack=false"
# One colour-blind-safe palette for every figure: Okabe and Ito's eight colours. Maps use
# cividis (sequential) or PuOr (diverging, ColorBrewer's colour-blind-safe scheme).
PALETTE = {
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "black": "#000000",
}
# Each model keeps its colour across notebooks.
MODEL_COLOURS = {"antirectifier": PALETTE["vermillion"], "relu": PALETTE["blue"]}


class SetupError(RuntimeError):
    """Something in the Python environment stops the tutorial; the message says what to do."""


def chosen_keras_backend():
    """(backend, where it was set): KERAS_BACKEND, else ~/.keras/keras.json, else tensorflow."""
    if os.environ.get("KERAS_BACKEND"):
        return os.environ["KERAS_BACKEND"], "KERAS_BACKEND"
    config = Path(os.environ.get("KERAS_HOME", Path.home() / ".keras")) / "keras.json"
    try:
        return json.loads(config.read_text()).get(
            "backend", "tensorflow"
        ), f"the backend in {config}"
    except (OSError, ValueError):
        return "tensorflow", "Keras's default backend"


def check_environment():
    """Raise SetupError, in one paragraph, if a package or the Keras backend's package is missing.

    Call it before importing Keras: an unusable backend would otherwise end in a long
    traceback from Keras's internals.
    """
    missing = [name for name in REQUIRED_PACKAGES if importlib.util.find_spec(name) is None]
    if missing:
        raise SetupError(
            f"Missing package(s): {', '.join(missing)}. Install the tutorial's "
            "requirements (pip install -r requirements.txt, from the repository's "
            "root) into the Python that runs this kernel, then restart the kernel."
        )
    backend, source = chosen_keras_backend()
    if backend not in KERAS_BACKENDS:
        raise SetupError(
            f"{source} is {backend!r}, which is not a Keras backend this tutorial "
            f"runs on. Set KERAS_BACKEND to one of {', '.join(KERAS_BACKENDS)} (or unset "
            "it for TensorFlow) before starting Jupyter, then restart the kernel."
        )
    if importlib.util.find_spec(KERAS_BACKENDS[backend]) is None:
        raise SetupError(
            f"{source} is {backend!r}, but the package {KERAS_BACKENDS[backend]!r} "
            "is not installed in this Python. Install it, or choose a backend you have "
            "(unset KERAS_BACKEND for TensorFlow, which requirements.txt installs): "
            "if you set the variable before starting Jupyter, restart Jupyter; if you set "
            "it in the notebook (os.environ), restart the kernel."
        )
    from packaging.version import Version

    if backend == "jax":
        avoid_wrong_jax_cpu_training(Version(importlib.metadata.version("jaxlib")))
    with quiet_tensorflow_logs():
        import keras

        # On JAX or PyTorch, Keras still imports TensorFlow where it is installed (to seed it,
        # and to read datasets): import it here, quietly, not at the first model or fit.
        if backend != "tensorflow" and importlib.util.find_spec("tensorflow") is not None:
            import tensorflow  # noqa: F401

    if Version(keras.__version__) < Version("3.0"):
        raise SetupError(
            f"This tutorial needs Keras 3 (keras.ops); found Keras {keras.__version__}. "
            "Install requirements.txt (keras>=3), then restart the kernel."
        )


def avoid_wrong_jax_cpu_training(jaxlib_version):
    """On a jaxlib that trains wrongly on CPUs, set the XLA flag that avoids it, and say so."""
    from packaging.version import Version

    first_bad, first_fixed = map(Version, JAXLIB_WITH_WRONG_CPU_TRAINING)
    if not first_bad <= jaxlib_version < first_fixed:
        return
    flags = os.environ.get("XLA_FLAGS", "")
    if JAX_CPU_WORKAROUND in flags:
        return
    if "jax" in sys.modules:
        raise SetupError(
            f"jaxlib {jaxlib_version} can train wrongly on CPUs unless XLA_FLAGS holds "
            f"{JAX_CPU_WORKAROUND}, and JAX is already imported: restart the kernel and "
            "run this cell first."
        )
    os.environ["XLA_FLAGS"] = f"{flags} {JAX_CPU_WORKAROUND}".strip()
    print(
        f"jaxlib {jaxlib_version} can train wrongly on CPUs (fixed in {first_fixed}): set "
        f"XLA_FLAGS={JAX_CPU_WORKAROUND} for this kernel."
    )


@contextlib.contextmanager
def quiet_tensorflow_logs():
    """Keep TensorFlow's C++ start-up log lines out of the notebook, unless the user asked for them.

    On a CPU-only machine, importing TensorFlow prints lines such as "Could not find cuda
    drivers" and "failed call to cuInit": harmless, but the first thing a student would read.
    Unless TF_CPP_MIN_LOG_LEVEL is already set (set it to 0 before starting Jupyter to see every
    line), this sets it to 3 (fatal errors only) and, while the block runs, sends the process's
    own standard error to /dev/null: some of those lines are written before TensorFlow reads the
    variable. Python's exceptions and warnings are not affected.
    """
    if "TF_CPP_MIN_LOG_LEVEL" in os.environ and not os.environ.get("_TUTORIAL_QUIETED_TF"):
        yield
        return
    os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
    os.environ["_TUTORIAL_QUIETED_TF"] = "1"  # set by us, not the user: later calls quiet again
    try:
        saved = os.dup(2)
    except OSError:  # no file descriptor 2 to redirect
        yield
        return
    with open(os.devnull, "w") as devnull:
        os.dup2(devnull.fileno(), 2)
        try:
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)


def gpu_present():
    """Whether the current Keras backend sees a GPU."""
    import keras

    backend = keras.backend.backend()
    if backend == "tensorflow":
        import tensorflow as tf

        with quiet_tensorflow_logs():  # "failed call to cuInit" on machines without a GPU
            return bool(tf.config.list_physical_devices("GPU"))
    if backend == "jax":
        import jax

        return any(device.platform == "gpu" for device in jax.devices())
    if backend == "torch":
        import torch

        return torch.cuda.is_available()
    return False


def describe_environment():
    """One line: Python, Keras, the backend and its version, GPU, Colab, quick mode."""
    import keras

    backend = keras.backend.backend()
    library = importlib.import_module(KERAS_BACKENDS.get(backend, backend))
    return (
        f"Python {platform.python_version()}, Keras {keras.__version__}, backend {backend} "
        f"{getattr(library, '__version__', '')}, GPU: {'yes' if gpu_present() else 'no'}, "
        f"Colab: {'google.colab' in sys.modules}, quick mode: {quick_mode()}"
    )


def quick_mode():
    """TUTORIAL_QUICK=1 trains briefly (for tests and impatient readers); the code is the same."""
    return os.environ.get("TUTORIAL_QUICK", "0") == "1"


def figures_folder():
    """The repository's figures/ when run from notebooks/, else ./figures; quick mode adds quick/.

    Quick mode writes to a folder of its own so that it never overwrites the committed figures.
    """
    in_repository = Path.cwd().name == "notebooks" and Path("../figures").is_dir()
    return Path("../figures" if in_repository else "figures") / ("quick" if quick_mode() else "")


def use_figure_style():
    """White backgrounds (readable under dark themes), the palette above, and cividis for maps."""
    import matplotlib as mpl
    from cycler import cycler

    mpl.rcParams.update(
        {
            "axes.prop_cycle": cycler(color=list(PALETTE.values())),
            "image.cmap": "cividis",
            "figure.facecolor": "white",
            "axes.facecolor": "white",
            "savefig.facecolor": "white",
            "axes.titlesize": "medium",
        }
    )


def save_figure(fig, name):
    folder = figures_folder()
    folder.mkdir(parents=True, exist_ok=True)
    fig.savefig(folder / name, dpi=120, bbox_inches="tight", metadata={"Software": None})

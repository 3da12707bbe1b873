import contextlib
import importlib
import importlib.metadata
import importlib.util
import json
import os
import platform
import sys
from pathlib import Path

from antirectifier_tutorial.language import LANGUAGES, language, say

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
        return os.environ["KERAS_BACKEND"], say("KERAS_BACKEND", "KERAS_BACKEND 的值")
    config = Path(os.environ.get("KERAS_HOME", Path.home() / ".keras")) / "keras.json"
    try:
        return json.loads(config.read_text()).get("backend", "tensorflow"), say(
            "the backend in {config}", "{config} 中设定的后端", config=config
        )
    except (OSError, ValueError):
        return "tensorflow", say("Keras's default backend", "Keras 的默认后端")


def check_language():
    """Raise SetupError, in one paragraph in both languages, if TUTORIAL_LANGUAGE is unusable.

    Every later message is written in the language it names, so it is checked first.
    """
    try:
        language()
    except ValueError:
        value = os.environ.get("TUTORIAL_LANGUAGE", "").strip()
        # The learner's language is unknown here: the message says it in both.
        choices = " or ".join(f"{code!r} ({name})" for code, name in LANGUAGES.items())
        choices_zh = "或 ".join(f"{code!r}（{name}）" for code, name in LANGUAGES.items())
        raise SetupError(
            f"TUTORIAL_LANGUAGE is {value!r}, which is not a language this tutorial is "
            f"written in. Set it to {choices}, or unset it for English, then run this cell "
            f"again. TUTORIAL_LANGUAGE 的值是 {value!r}，本教程没有这种语言的版本。请把它"
            f"设为 {choices_zh}，或者不设置它（即使用英文），然后重新运行这个单元格。"
        ) from None


def check_environment():
    """Raise SetupError, in one paragraph, if TUTORIAL_LANGUAGE is unusable or a package or the
    Keras backend's package is missing.

    Call it before importing Keras: an unusable backend would otherwise end in a long
    traceback from Keras's internals.
    """
    check_language()
    missing = [name for name in REQUIRED_PACKAGES if importlib.util.find_spec(name) is None]
    if missing:
        raise SetupError(
            say(
                "Missing package(s): {missing}. Install the tutorial's requirements "
                "(pip install -r requirements.txt, from the repository's root) into the Python "
                "that runs this kernel, then restart the kernel.",
                "缺少软件包：{missing}。请在仓库根目录下运行 pip install -r requirements.txt，"
                "把本教程的依赖安装到运行这个内核的 Python 中，然后重启内核。",
                missing=", ".join(missing),
            )
        )
    backend, source = chosen_keras_backend()
    if backend not in KERAS_BACKENDS:
        raise SetupError(
            say(
                "{source} is {backend!r}, which is not a Keras backend this tutorial runs on. "
                "Set KERAS_BACKEND to one of {backends} (or unset it for TensorFlow) before "
                "starting Jupyter, then restart the kernel.",
                "{source}是 {backend!r}，不是本教程能运行的 Keras 后端。请在启动 Jupyter 之前"
                "把 KERAS_BACKEND 设为 {backends} 之一（或者不设置它，即使用 TensorFlow），"
                "然后重启内核。",
                source=source,
                backend=backend,
                backends=", ".join(KERAS_BACKENDS),
            )
        )
    if importlib.util.find_spec(KERAS_BACKENDS[backend]) is None:
        raise SetupError(
            say(
                "{source} is {backend!r}, but the package {package!r} is not installed in this "
                "Python. Install it, or choose a backend you have (unset KERAS_BACKEND for "
                "TensorFlow, which requirements.txt installs): if you set the variable before "
                "starting Jupyter, restart Jupyter; if you set it in the notebook "
                "(os.environ), restart the kernel.",
                "{source}是 {backend!r}，但这个 Python 中没有安装软件包 {package!r}。请安装它，"
                "或者选择一个已安装的后端（不设置 KERAS_BACKEND 即使用 TensorFlow，"
                "requirements.txt 会安装它）：如果你是在启动 Jupyter 之前设置的这个变量，"
                "请重启 Jupyter；如果是在笔记本中（os.environ）设置的，请重启内核。",
                source=source,
                backend=backend,
                package=KERAS_BACKENDS[backend],
            )
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
            say(
                "This tutorial needs Keras 3 (keras.ops); found Keras {version}. "
                "Install requirements.txt (keras>=3), then restart the kernel.",
                "本教程需要 Keras 3（keras.ops），这里找到的是 Keras {version}。"
                "请安装 requirements.txt 中的依赖（keras>=3），然后重启内核。",
                version=keras.__version__,
            )
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
            say(
                "jaxlib {version} can train wrongly on CPUs unless XLA_FLAGS holds {flag}, "
                "and JAX is already imported: restart the kernel and run this cell first.",
                "jaxlib {version} 在 CPU 上可能训练出错误的结果，除非 XLA_FLAGS 包含 {flag}；"
                "而 JAX 已经导入了：请重启内核，然后先运行这个单元格。",
                version=jaxlib_version,
                flag=JAX_CPU_WORKAROUND,
            )
        )
    os.environ["XLA_FLAGS"] = f"{flags} {JAX_CPU_WORKAROUND}".strip()
    print(
        say(
            "jaxlib {version} can train wrongly on CPUs (fixed in {fixed}): set "
            "XLA_FLAGS={flag} for this kernel.",
            "jaxlib {version} 在 CPU 上可能训练出错误的结果（{fixed} 已修复）：已为这个内核设置 "
            "XLA_FLAGS={flag}。",
            version=jaxlib_version,
            fixed=first_fixed,
            flag=JAX_CPU_WORKAROUND,
        )
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


def _in_english(english, chinese, **values):
    """`say`, always in English."""
    return english.format(**values)


def describe_environment(in_english=False):
    """One line: Python, Keras, the backend and its version, GPU, Colab, quick mode.

    In the learner's language, unless `in_english` (for results files, which stay English
    whatever TUTORIAL_LANGUAGE says).
    """
    import keras

    tell = _in_english if in_english else say
    backend = keras.backend.backend()
    library = importlib.import_module(KERAS_BACKENDS.get(backend, backend))
    gpu = gpu_present()
    colab = "google.colab" in sys.modules
    quick = quick_mode()
    return tell(
        "Python {python}, Keras {keras}, backend {backend} {version}, GPU: {gpu}, "
        "Colab: {colab}, quick mode: {quick}",
        "Python {python}，Keras {keras}，后端 {backend} {version}，GPU：{gpu}，"
        "Colab：{colab}，快速模式：{quick}",
        python=platform.python_version(),
        keras=keras.__version__,
        backend=backend,
        version=getattr(library, "__version__", ""),
        gpu=tell("yes", "有") if gpu else tell("no", "无"),
        colab=tell("True", "是") if colab else tell("False", "否"),
        quick=tell("True", "是") if quick else tell("False", "否"),
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

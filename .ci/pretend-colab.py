# A stand-in for Google Colab, loaded by IPython at kernel start in the Colab stage of
# .ci/run (copied into a temporary IPYTHONDIR's start-up folder), so that the notebooks take
# their Colab branch.
# JAX imports google.colab.output when google.colab is loaded, so both modules exist.
# `google` stays the real namespace package (protobuf lives in google.protobuf).
import importlib
import sys
import types

try:
    _google = importlib.import_module("google")
except ImportError:
    _google = types.ModuleType("google")
    _google.__path__ = []
    sys.modules["google"] = _google
_colab = types.ModuleType("google.colab")
_colab.__path__ = []
_colab.output = types.ModuleType("google.colab.output")
_google.colab = _colab
sys.modules["google.colab"] = _colab
sys.modules["google.colab.output"] = _colab.output

"""The code of the Antirectifier tutorial, the one source of truth.

- `setup_helpers`: checks of the Python environment, quick mode, where figures go;
- `mnist`: MNIST from Keras or from a local copy (`MNIST_NPZ`), ready for Dense layers;
- `fashion_mnist`: Fashion-MNIST from Keras or from a local folder (`FASHION_MNIST_DIR`);
- `layer`: the Antirectifier layer;
- `projected_layer`: the Antirectifier with a learned projection (a layer with weights);
- `models`: the original example's reference models.

The notebooks stand alone (Colab opens one file), so each carries copies of the modules it
needs, in collapsed cells; `python tools/sync_notebook_copies.py` writes them and
tests/test_notebook_copies.py fails when one differs from its file.
"""

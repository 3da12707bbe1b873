"""The pilot runs of notebook 05: exploratory results, kept as data.

Final test accuracies of the 48 training runs that an earlier version of notebook 05 made
(git commit 615d5dc, run on 2026-11-26 on a 2-core Intel Xeon virtual machine without GPU:
JAX 0.10.2, Keras 3.15.1, Python 3.11; the reference recipe, 40 epochs, all 60,000
training images, validated on all 10,000 test images; MNIST from the offline copy,
Fashion-MNIST from Debian's dataset-fashion-mnist). Each accuracy is a count of correct test
images out of 10,000, printed there with four decimals, so these values are exact.
tools/extract_pilot_runs.py wrote this file from those printed lines: edit that tool, not
this file.

Each model used seeds 0, 1, 2, ... and `keras.utils.set_random_seed(seed)` before it was
built. So runs of two models with the same seed are not independent: they share dropout
seed states, may share the order of the training batches, and share initial weights where
the shapes match (the Antirectifier model, ReLU 256 and the ablation arms all have the same
first Dense(256) kernel). The pilot is a paired design.

The ablation arms: "no centring", "no normalisation", "no concatenation" and "CReLU" (no
centring and no normalisation) are the Antirectifier with those parts switched off.
"""

PILOT_COMMIT = "615d5dc"
PILOT_ACCURACY = {  # data set -> model -> seed -> final test accuracy
    "MNIST": {
        "Antirectifier 256": {
            0: 0.9850,
            1: 0.9848,
            2: 0.9830,
            3: 0.9837,
            4: 0.9835,
            5: 0.9852,
            6: 0.9829,
            7: 0.9828,
            8: 0.9860,
            9: 0.9841,
        },
        "ReLU 306": {
            0: 0.9842,
            1: 0.9834,
            2: 0.9838,
            3: 0.9847,
            4: 0.9833,
            5: 0.9836,
            6: 0.9844,
            7: 0.9842,
            8: 0.9842,
            9: 0.9852,
        },
        "ReLU 512": {0: 0.9857, 1: 0.9839, 2: 0.9865, 3: 0.9861, 4: 0.9863},
        "ReLU 256": {0: 0.9847, 1: 0.9837, 2: 0.9843, 3: 0.9829, 4: 0.9833},
        "no centring": {0: 0.9832, 1: 0.9818, 2: 0.9846},
        "no normalisation": {0: 0.9846, 1: 0.9817, 2: 0.9821},
        "no concatenation": {0: 0.9815, 1: 0.9830, 2: 0.9798},
        "CReLU": {0: 0.9823, 1: 0.9819, 2: 0.9824},
    },
    "Fashion-MNIST": {
        "Antirectifier 256": {0: 0.8973, 1: 0.8875, 2: 0.8975},
        "ReLU 306": {0: 0.8919, 1: 0.8967, 2: 0.8908},
    },
}

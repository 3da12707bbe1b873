"""Every number in the README's "Results in brief" is tied to one named output of a committed
notebook, and equals it after the README's rounding.

RESULTS below has one line per quoted number: where it sits in the README, and where it comes
from. When a notebook is re-run or the README rewritten, update the lines that changed.

- Where in the README: `Quoted("... {} ...")` is the README's text around the number, with `{}`
  for the number this line claims and `{n}` for any other number (whitespace matches any
  whitespace, so the README's line breaks do not matter); `Cell(table, row, k)` is the k-th
  number (from 0) in the row of the README table whose first header cell is `table` and whose
  first cell starts with `row`.
- Where from: `Printed(notebook, pattern)` is the value that `pattern` (a regular expression
  with one group, over the notebook's printed output, each line matched on its own with ^ and $)
  captures; every match must capture the same value, unless `nth` picks one (1 = the first).
  `percent=True` when the README quotes a printed fraction as a percentage (0.9818 as 98.18%).
  `InCode(notebook, pattern)` does the same over the notebook's code (the recipe's constants),
  `CountOf(notebook, pattern)` counts the printed lines that match, `RunMinutes(notebook)` is
  the committed run's wall-clock time from the cells' execution records. `NotAResult(value,
  reason)` is a number that no notebook prints (a definition, the machine): it is only pinned.

The quoted number must have no more decimals than the output, and equal it rounded to as many.
A number in the section that no line claims fails the test; so does one claimed twice. Numbers
in code spans (`Dense(512)`), images, link targets and "notebook 0N" references are not quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal, InvalidOperation

import pytest

from notebook_cells import NOTEBOOKS, REPO_ROOT, code_cells, read_notebook, source_of

SECTION = "## Results in brief"
# A quoted number: 98.18, 337,418, 3.15.1, −0.09 (a sign only where it is not a hyphen).
NUMBER = r"(?<![\w.])(?:[−+-](?=\d))?\d+(?:[.,]\d+)*"
NOT_QUOTES = re.compile(r"!\[[^\]]*\]\([^)]*\)|`[^`]*`|\]\([^)]*\)|\bnotebooks? 0\d\b")


@dataclass(frozen=True)
class Quoted:
    text: str


@dataclass(frozen=True)
class Cell:
    table: str
    row: str
    k: int


@dataclass(frozen=True)
class Printed:
    notebook: str
    pattern: str
    nth: int | None = None
    percent: bool = False


@dataclass(frozen=True)
class InCode:
    notebook: str
    pattern: str


@dataclass(frozen=True)
class CountOf:
    notebook: str
    pattern: str


@dataclass(frozen=True)
class RunMinutes:
    notebook: str


@dataclass(frozen=True)
class NotAResult:
    value: str
    reason: str


def row(header: str, label: str, column: int) -> str:
    """The `column`-th field (from 0, split at spaces) after `label` in the first row that
    starts with it below a line that starts with `header`."""
    return rf"^{header}.*\n(?:.*\n)*?{re.escape(label)}\s+" + r"\S+\s+" * column + r"(\S+)"


def label(text: str) -> str:
    return re.escape(text)


ACCURACY = r"model +final +mean of last"  # notebook 04's accuracy table
LOSSES = r"model +lowest test loss"  # notebook 04's loss table
PROBE = r"features \(standardised\)"  # notebook 03: the linear probe
DEFINITION = "ReLU's output for a non-positive input: a definition, not a measurement"

# One line (or two) per quoted number: a table, which the formatter leaves as it is.
# fmt: off
RESULTS = [
    # Set-up of the runs
    (Quoted("project's {}-core test machine"),
     NotAResult("2", "the test machine's size; no notebook prints its cores")),
    (Quoted("(Python {}, Keras"), Printed("01", r"^Python (\d+\.\d+)\.\d+, Keras")),
    (Quoted("Keras {}; the TensorFlow"), Printed("01", r"^Python \S+ Keras ([\d.]+), backend")),
    (Quoted("TensorFlow {} backend"), Printed("01", r"backend tensorflow (\d+\.\d+)\.\d+,")),
    # Notebook 01
    (Quoted("ReLU outputs {} for about half"), NotAResult("0", DEFINITION)),
    (Quoted("twice), {}% and"), Printed("01", r"^at initialisation, Dense layer 1: (\d+)% ")),
    (Quoted("{n}% and {}% of the ReLU outputs"),
     Printed("01", r"^at initialisation, Dense layer 2: (\d+)% ")),
    (Quoted("on the test set were {} at"), NotAResult("0", DEFINITION)),
    (Quoted("initialisation, and {}% and"),
     Printed("01", r"^after training, Dense layer 1: (\d+)% ")),
    (Quoted("{n}% and {}% after"), Printed("01", r"^after training, Dense layer 2: (\d+)% ")),
    (Quoted("after {} epochs of training"), Printed("01", r"^test accuracy after (\d+) epochs:")),
    (Quoted("({}% test accuracy)"),
     Printed("01", r"^test accuracy after \d+ epochs: ([\d.]+)$", percent=True)),
    (Quoted("between {}% and"),
     Printed("01", r"^at initialisation, layer 1: firing rates from ([\d.]+)% to")),
    (Quoted("{n}% and {}% of the test images"),
     Printed("01", r"^at initialisation, layer 1: firing rates from [\d.]+% to ([\d.]+)%")),
    (Quoted("extremes; {}% of them"),
     Printed("01", r"^at initialisation, layer 1: firing rates .*; (\d+)% of units fire on")),
    (Quoted("fewer than {}% or more"),
     Printed("01", r"^at initialisation, layer 1: .* fewer than (\d+)% or more than")),
    (Quoted("or more than {}%). A zero"),
     Printed("01", r"^at initialisation, layer 1: .* or more than (\d+)% of images$")),
    (Quoted("from its {} outputs"), Printed("01", r"^relu\(-z\) from all (\d+) outputs relu\(z\)")),
    (Quoted("held-out R² of {}, a lower bound"),
     Printed("01", r"^relu\(-z\) from all \d+ outputs relu\(z\), linear: +held-out R² = "
                   r"([\d.]+)$")),
    (Quoted("against {} from each unit's own output"),
     Printed("01", r"^relu\(-z\) from each unit's own output .*held-out R² = ([\d.]+)$")),
    # Notebook 03
    (Quoted("trained for {} epochs"), InCode("03", r"^EPOCHS = \d+ if QUICK else (\d+)$")),
    (Quoted("probe; {}% intervals"), Printed("03", rf"^{PROBE} .* (\d+)% interval$")),
    (Quoted("read {}% from raw pixels"), Printed("03", row(PROBE, "raw pixels", 1))),
    (Quoted("the pixels ({}%, {n}%)"),
     Printed("03", row(PROBE, "untrained Antirectifier, positive half", 1))),
    (Quoted("the pixels ({n}%, {}%)"),
     Printed("03", row(PROBE, "untrained Antirectifier, negative half", 1))),
    (Quoted("and both halves {}%; after"),
     Printed("03", row(PROBE, "untrained Antirectifier, both halves", 1))),
    (Quoted("training, {}% from the Antirectifier's negative half"),
     Printed("03", row(PROBE, "Antirectifier, negative half", 1))),
    (Quoted("{}% from its positive half"),
     Printed("03", row(PROBE, "Antirectifier, positive half", 1))),
    (Quoted("half and {}% from both halves"),
     Printed("03", row(PROBE, "Antirectifier, both halves", 1))),
    (Quoted("both halves got {} digits right"),
     Printed("03", r"^Antirectifier: right only with both halves: +(\d+),")),
    (Quoted("the positive half {} the other way"),
     Printed("03", r"only with the positive half: +(\d+);")),
    (Quoted("McNemar's exact p = {}: no evidence"),
     Printed("03", r"^Antirectifier: .*McNemar's exact p = ([\d.]+)$")),
    (Quoted("network, {}% for both"), Printed("03", row(PROBE, "ReLU network, both halves", 1))),
    (Quoted("against {}% for the half ReLU keeps"),
     Printed("03", row(PROBE, "ReLU network, kept half relu(z)", 1))),
    (Quoted("ReLU keeps (p = {})"),
     Printed("03", r"^ReLU network : .*McNemar's exact p = ([\d.]+)$")),
    # Notebook 04
    (Quoted("{} epochs, batch"), InCode("04", r"^EPOCHS = \d+ if QUICK else (\d+)$")),
    (Quoted("batch {}, RMSprop"), InCode("04", r"batch_size=(\d+),\s+epochs=EPOCHS,")),
    (Quoted("mean of the last {} epochs |"), Printed("04", rf"^{ACCURACY} (\d+)")),
    (Cell("model", "Antirectifier", 0),
     Printed("04", r"^Antirectifier, Dense\(256\) +([\d,]+) parameters$")),
    (Cell("model", "Antirectifier", 1),
     Printed("04", row(ACCURACY, "Antirectifier, Dense(256)", 0), percent=True)),
    (Cell("model", "Antirectifier", 2),
     Printed("04", row(ACCURACY, "Antirectifier, Dense(256)", 1), percent=True)),
    (Cell("model", "Antirectifier", 3),
     Printed("04", r"^Antirectifier, Dense\(256\) +first epoch .* median epoch +([\d.]+) s,")),
    (Cell("model", "ReLU", 0), Printed("04", r"^ReLU, Dense\(512\) +([\d,]+) parameters$")),
    (Cell("model", "ReLU", 1), Printed("04", row(ACCURACY, "ReLU, Dense(512)", 0), percent=True)),
    (Cell("model", "ReLU", 2), Printed("04", row(ACCURACY, "ReLU, Dense(512)", 1), percent=True)),
    (Cell("model", "ReLU", 3),
     Printed("04", r"^ReLU, Dense\(512\) +first epoch .* median epoch +([\d.]+) s,")),
    (Quoted("higher on {} of the"),
     Printed("04", r"^epochs on which the ReLU model's test accuracy was higher: (\d+) of")),
    (Quoted("of the {} epochs of this one run"),
     Printed("04", r"^epochs on which the ReLU model's test accuracy was higher: \d+ of (\d+),")),
    (Quoted("at epoch {} exactly one"), InCode("04", r"^EPOCHS = \d+ if QUICK else (\d+)$")),
    (Quoted("is wrong on {} test"), Printed("04", r"^(\d+) discordant images")),
    (Quoted("images ({} are the Antirectifier"),
     Printed("04", r"discordant images, (\d+) of them the Antirectifier model's")),
    (Quoted("mistakes, {} the ReLU model's"), Printed("04", r"only the ReLU model wrong: (\d+)$")),
    (Quoted("McNemar's p = {}"), Printed("04", r"McNemar's exact p = ([\d.]+)$")),
    (Quoted("its lowest, {} (epoch"), Printed("04", row(LOSSES, "ReLU, Dense(512)", 0))),
    (Quoted("(epoch {}), to"),
     Printed("04", rf"{LOSSES}.*\n(?:.*\n)*?ReLU, Dense\(512\) +\S+ \( *(\d+)\)")),
    (Quoted("to {} at epoch"),
     Printed("04", rf"{LOSSES}.*\n(?:.*\n)*?ReLU, Dense\(512\) +\S+ \( *\d+\) +(\S+)")),
    (Quoted("at epoch {}, while"), InCode("04", r"^EPOCHS = \d+ if QUICK else (\d+)$")),
    (Quoted("epoch at {} of the ReLU"),
     Printed("04", r"^Antirectifier / ReLU 512: \S+ of the multiply-adds, ([\d.]+) of the "
                   r"median")),
    (Quoted("whole epoch took {} s;"),
     Printed("04", r"^logistic regression's epoch, .*fixed cost: ([\d.]+) s$")),
    (Quoted("(activations {} wide)"),
     Printed("03", r"^pre-activations \(\d+, \d+\) -> output \(\d+, (\d+)\)$")),
    # Notebook 05
    (Quoted("backend: {} registered runs"),
     Printed("05", r"^(\d+) confirmatory runs, \d+ epochs each: ")),
    (Quoted("runs of {} epochs"), Printed("05", r"^\d+ confirmatory runs, (\d+) epochs each: ")),
    (Quoted("epochs, {} minutes"), RunMinutes("05")),
    (Quoted("margin of\n±{} points"), Printed("05", r"^margin ±([\d.]+) points; \d+ comparisons")),
    (Quoted("Welch's {}% intervals"),
     Printed("05", r"^margin ±[\d.]+ points; \d+ comparisons; (\d+)% intervals$")),
    (Quoted("comparisons) and {} fresh seeds"),
     Printed("05", r"^seeds per model for 80% power at the upper sd: (\d+)$")),
    (Quoted("| difference [{}% CI], points |"),
     Printed("05", r"^margin ±[\d.]+ points; \d+ comparisons; (\d+)% intervals$")),
    *[(Cell("MNIST, confirmatory run", readme_row, k), Printed("05", pattern))
      for readme_row, printed_row in [("Antirectifier", "Antirectifier 256"),
                                      ("ReLU, `Dense(512)`", "ReLU 512"),
                                      ("ReLU, `Dense(306)`", "ReLU 306")]
      for k, pattern in enumerate([
          rf"^{printed_row} +\d+, [\d.]+, [\d.]+ +(\d+), [\d.]+, [\d.]+$",
          rf"^{printed_row} +([\d,]+) parameters$",
          rf"^{printed_row} +\d+, [\d.]+, [\d.]+ +\d+, ([\d.]+), [\d.]+$",
          rf"^{printed_row} +\d+, [\d.]+, [\d.]+ +\d+, [\d.]+, ([\d.]+)$"])],
    *[(Cell("MNIST, confirmatory run", readme_row, k), Printed("05", pattern))
      for readme_row, printed_row in [("ReLU, `Dense(512)`", "ReLU 512"),
                                      ("ReLU, `Dense(306)`", "ReLU 306")]
      for k, pattern in enumerate([
          rf"^{printed_row} − Antirectifier 256 +\d+ v \d+ +(\S+) +\[",
          rf"^{printed_row} − Antirectifier 256 +\d+ v \d+ +\S+ +\[([^,]+),",
          rf"^{printed_row} − Antirectifier 256 +\d+ v \d+ +\S+ +\[[^,]+, ([^\]]+)\]"],
          start=4)],
    (Quoted("within ±{} points (so the claim"),
     Printed("05", r"^margin ±([\d.]+) points; \d+ comparisons")),
    (Quoted("exclude {} (read as a test"), NotAResult("0", "no difference: a definition")),
    (Quoted("lower end just above {});"), NotAResult("0", "no difference: a definition")),
    (Quoted("test at {}%\nper comparison"),
     NotAResult("5", "the two-sided level that a 95% interval reads as: a definition")),
    (Quoted("Antirectifier\n({}, [{n}, {n}])"),
     Printed("05", r"^ReLU 306 +\d+ v \d+ +(\S+) +\[")),
    (Quoted("Antirectifier\n({n}, [{}, {n}])"),
     Printed("05", r"^ReLU 306 +\d+ v \d+ +\S+ +\[([^,]+),")),
    (Quoted("Antirectifier\n({n}, [{n}, {}])"),
     Printed("05", r"^ReLU 306 +\d+ v \d+ +\S+ +\[[^,]+, ([^\]]+)\]")),
    *[(Quoted(text), Printed("05", rf"^{model} − Antirectifier 256 +\[\S+, \S+\] +{pattern}"))
      for text, model, pattern in [
          ("intervals to [{}, {n}] and", "ReLU 512", r"\[([^,]+),"),
          ("intervals to [{n}, {}] and", "ReLU 512", r"\[[^,]+, ([^\]]+)\]"),
          ("and [{}, {n}] (the", "ReLU 306", r"\[([^,]+),"),
          ("and [{n}, {}] (the", "ReLU 306", r"\[[^,]+, ([^\]]+)\]")]],
]
# fmt: on


# --- the README side -------------------------------------------------------------------------


def results_section() -> str:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    assert SECTION in readme, f"README.md has no {SECTION!r} section"
    return readme.split(SECTION, 1)[1].split("\n## ", 1)[0]


def quoted_numbers(section: str) -> dict[tuple[int, int], str]:
    """{span: text} of every number the section quotes."""
    hidden = [match.span() for match in NOT_QUOTES.finditer(section)]
    return {
        match.span(): match.group()
        for match in re.finditer(NUMBER, section)
        if not any(start <= match.start() < end for start, end in hidden)
    }


def locate(where, section: str) -> tuple[int, int]:
    """The span of the number that a README locator claims; AssertionError if not one."""
    if isinstance(where, Quoted):
        parts = re.split(r"(\{\}|\{n\}|\s+)", where.text)
        pattern = "".join(
            "(" + NUMBER + ")"
            if part == "{}"
            else NUMBER
            if part == "{n}"
            else r"\s+"
            if part.isspace()
            else re.escape(part)
            for part in parts
        )
        matches = list(re.finditer(pattern, section))
        assert len(matches) == 1, f"README: {where.text!r} occurs {len(matches)} times, not once"
        return matches[0].span(1)
    tables = [
        match
        for match in re.finditer(
            r"^\| " + re.escape(where.table) + r" \|.*\n"
            r"(?:\|.*\n?)*",
            section,
            flags=re.MULTILINE,
        )
    ]
    assert len(tables) == 1, f"README: {len(tables)} tables whose header starts {where.table!r}"
    rows = [
        match
        for match in re.finditer(
            r"^\| " + re.escape(where.row) + r".*$", tables[0].group(), flags=re.MULTILINE
        )
    ]
    assert len(rows) == 1, f"README table {where.table!r}: {len(rows)} rows start {where.row!r}"
    start = tables[0].start() + rows[0].start()
    line = rows[0].group()
    first_cell_end = line.index("|", 1)
    numbers = [
        span
        for span in quoted_numbers(section)
        if start + first_cell_end <= span[0] < start + len(line)
    ]
    assert where.k < len(numbers), f"README row {where.row!r} has {len(numbers)} numbers"
    return sorted(numbers)[where.k]


# --- the notebook side -----------------------------------------------------------------------


def notebook(prefix: str):
    paths = [path for path in NOTEBOOKS if path.name.startswith(prefix + "_")]
    assert len(paths) == 1, f"no single notebook {prefix}_*.ipynb"
    return read_notebook(paths[0])


def printed_text(prefix: str) -> str:
    texts = []
    for cell in code_cells(notebook(prefix)):
        for output in cell.get("outputs", []):
            if output.get("name") == "stderr":
                continue
            text = output.get("text") or output.get("data", {}).get("text/plain", "")
            texts.append("".join(text).rstrip("\n"))
    return "\n".join(texts) + "\n"


def code_text(prefix: str) -> str:
    return "\n".join(source_of(cell) for cell in code_cells(notebook(prefix))) + "\n"


def captured(pattern: str, text: str, nth: int | None, where: str) -> str:
    values = [match.group(1) for match in re.finditer(pattern, text, flags=re.MULTILINE)]
    assert values, f"{where}: nothing matches {pattern!r}"
    if nth is not None:
        assert len(values) >= nth, f"{where}: {len(values)} matches of {pattern!r}, not {nth}"
        return values[nth - 1]
    assert len(set(values)) == 1, f"{where}: {pattern!r} matches several values {values}"
    return values[0]


def run_minutes(prefix: str) -> str:
    (path,) = [path for path in NOTEBOOKS if path.name.startswith(prefix + "_")]
    return str(wall_clock_seconds(path) / 60)


def source_value(source) -> str:
    """The value as the named output gives it, before any rounding."""
    if isinstance(source, Printed):
        value = captured(
            source.pattern,
            printed_text(source.notebook),
            source.nth,
            f"notebook {source.notebook}'s output",
        )
    elif isinstance(source, InCode):
        value = captured(
            source.pattern, code_text(source.notebook), None, f"notebook {source.notebook}'s code"
        )
    elif isinstance(source, CountOf):
        lines = re.findall(source.pattern, printed_text(source.notebook), flags=re.MULTILINE)
        value = str(len(lines))
    elif isinstance(source, RunMinutes):
        value = run_minutes(source.notebook)
    else:
        value = source.value
    found = re.search(NUMBER, value.replace("−", "-"))
    assert found, f"the output gives {value!r}, not a number"
    return found.group()


def as_decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace("−", "-").replace(",", ""))
    except InvalidOperation:
        return None  # a version such as 3.15.1: compared as text


def agrees(quoted: str, given: str, percent: bool) -> bool:
    """`quoted` is `given` (×100 if percent) rounded to the quoted number's decimals."""
    quoted_value, given_value = as_decimal(quoted), as_decimal(given)
    if quoted_value is None or given_value is None:
        return quoted.replace("−", "-") == given
    if percent:
        given_value = given_value.scaleb(2)
    if quoted_value.as_tuple().exponent < given_value.as_tuple().exponent:
        return False  # more decimals than the output has: precision from nowhere
    step = Decimal(1).scaleb(quoted_value.as_tuple().exponent)
    # A printed value that ends in 5 may be rounded either way to one decimal fewer.
    return quoted_value in {
        given_value.quantize(step, rounding=rounding)
        for rounding in (ROUND_HALF_UP, ROUND_HALF_EVEN)
    }


def describe(where) -> str:
    return where.text if isinstance(where, Quoted) else f"{where.table}|{where.row}|{where.k}"


# --- the tests -------------------------------------------------------------------------------


def test_every_number_in_the_results_is_claimed_by_exactly_one_entry():
    section = results_section()
    numbers = quoted_numbers(section)
    assert numbers, "the results section quotes no number"
    claims: dict[tuple[int, int], list[str]] = {}
    for where, _ in RESULTS:
        span = locate(where, section)
        assert span in numbers, (
            f"{describe(where)!r} claims {section[slice(*span)]!r}, not a number"
        )
        claims.setdefault(span, []).append(describe(where))
    unclaimed = [
        f"{text!r} in {section[max(0, a - 30) : b + 10]!r}"
        for (a, b), text in numbers.items()
        if (a, b) not in claims
    ]
    assert not unclaimed, (
        "README results that no entry of RESULTS ties to an output:\n" + "\n".join(unclaimed)
    )
    twice = {section[slice(*span)]: entries for span, entries in claims.items() if len(entries) > 1}
    assert not twice, f"numbers claimed by more than one entry: {twice}"


@pytest.mark.parametrize(
    "prefix", sorted({source.notebook for _, source in RESULTS if hasattr(source, "notebook")})
)
def test_the_quoted_notebooks_hold_a_full_run_not_quick_mode(prefix):
    # The README quotes full runs; a notebook executed in quick mode in place (as nbval or a
    # quick try can leave it) would make every number below differ for that reason alone.
    modes = re.findall(r"^Python .*quick mode: (\w+)$", printed_text(prefix), flags=re.MULTILINE)
    assert modes == ["False"], f"notebook {prefix}'s stored outputs: quick mode {modes}"


@pytest.mark.parametrize("where, source", RESULTS, ids=[describe(where) for where, _ in RESULTS])
def test_readme_number_equals_its_notebook_output(where, source):
    section = results_section()
    quoted = section[slice(*locate(where, section))]
    given = source_value(source)
    percent = getattr(source, "percent", False)
    assert agrees(quoted, given, percent), (
        f"README quotes {quoted} at {describe(where)!r}; {source} gives {given}"
        + (" (a fraction, quoted ×100)" if percent else "")
    )


@pytest.mark.parametrize(
    "quoted, given, percent, expected",
    [
        ("98.18", "0.9818", True, True),
        ("98.2", "0.9818", True, True),
        ("98.19", "0.9818", True, False),
        ("0.9818", "0.9818", True, False),
        ("98.180", "0.9818", True, False),
        ("−0.09", "-0.09", False, True),
        ("0.09", "-0.09", False, False),
        ("0.16", "+0.16", False, True),
        ("337,418", "337,418", False, True),
        ("337,419", "337,418", False, False),
        ("52", "51.519", False, True),
        ("0.1", "0.10", False, True),
        ("0.10", "0.1", False, False),
        ("3.15.1", "3.15.1", False, True),
        ("3.15.2", "3.15.1", False, False),
    ],
)
def test_quoted_numbers_agree_only_after_the_same_rounding(quoted, given, percent, expected):
    assert agrees(quoted, given, percent) is expected


# TEACHING.md's table of times: its full-mode columns are the committed runs' wall-clock times,
# the English notebooks' and the Chinese notebooks' ("| 01 … | quick | 64 s (TensorFlow) | 63 s |").
TEACHING_ROW = re.compile(
    r"^\| (?P<prefix>0\d) [^|]+\|[^|]+\| (?P<english>[\d,]+) s\b"
    r"[^(|]*\((?P<backend>TensorFlow|JAX)[^|]*\| (?P<chinese>[\d,]+) s\b",
    flags=re.MULTILINE,
)


def wall_clock_seconds(path) -> float:
    records = [cell["metadata"].get("execution", {}) for cell in code_cells(read_notebook(path))]
    assert all(records), f"{path.name}: a code cell has no execution record"
    started = datetime.fromisoformat(records[0]["iopub.execute_input"].replace("Z", "+00:00"))
    ended = datetime.fromisoformat(records[-1]["shell.execute_reply"].replace("Z", "+00:00"))
    return (ended - started).total_seconds()


def test_teachings_full_mode_times_are_the_committed_runs():
    rows = list(TEACHING_ROW.finditer((REPO_ROOT / "TEACHING.md").read_text(encoding="utf-8")))
    assert [row["prefix"] for row in rows] == [path.name[:2] for path in NOTEBOOKS]
    for row, english in zip(rows, NOTEBOOKS, strict=True):
        for column, path in [
            ("english", english),
            ("chinese", english.parent / "zh" / english.name),
        ]:
            quoted = int(row[column].replace(",", ""))
            measured = wall_clock_seconds(path)
            assert abs(quoted - measured) <= 1, (
                f"TEACHING says {quoted} s for {path.relative_to(REPO_ROOT)}, "
                f"its committed run took {measured:.0f} s"
            )
        backend = row["backend"].lower()
        assert f"backend {backend}" in printed_text(row["prefix"]), (row["prefix"], backend)

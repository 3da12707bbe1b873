"""Every notebook, run as a student runs it: JupyterLab in headless Chromium, Run All Cells.

Each notebook is copied alone into a fresh folder that a JupyterLab server on 127.0.0.1
serves with a token; Playwright drives Debian's Chromium (no browser download). The test
fails on any error output, or when fewer figures render than the committed notebook shows.
Then it answers every self-checked exercise as a student would, by typing into the stub
cell and pressing Shift+Enter: once wrong (the check must say what is wrong) and once
right (the check must say "Right"). A screenshot per notebook and the check's messages go
to test-artifacts/jupyterlab/.

Needs /usr/bin/chromium and the playwright package; it skips without them, unless
REQUIRE_BROWSER_TEST=1 (set by .ci/run) makes their absence a failure.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from notebook_cells import CHINESE_NOTEBOOKS, NOTEBOOKS, REPO_ROOT, code_cells, read_notebook

CHROMIUM = Path("/usr/bin/chromium")
# Every English notebook, and the first Chinese one: its hint and checks must answer in Chinese.
BROWSER_NOTEBOOKS = NOTEBOOKS + CHINESE_NOTEBOOKS[:1]
# What a hint and a check say first, by edition (False: English, True: Chinese).
WORDS = {
    False: {
        "hint": "Hint 1 of 2 for exercise 1: ",
        "right": "Right",
        "unanswered": "Not answered yet",
    },
    True: {"hint": "练习 1 的提示 1/2：", "right": "正确", "unanswered": "还没有作答"},
}
ARTIFACTS = REPO_ROOT / "test-artifacts" / "jupyterlab"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
# Ceilings, not expectations: each wait ends as soon as the state it waits for is reached, and
# a loaded machine (CI beside other work, a student's laptop) may take many times longer than
# an idle one. A wait that reaches its ceiling fails with what was still running.
CEILING_S = int(os.environ.get("BROWSER_TEST_CEILING_S", "600"))


def _browser_available() -> str | None:
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "the playwright package is not installed"
    if not CHROMIUM.is_file():
        return "Debian's chromium is not installed (apt-get install chromium)"
    return None


MISSING = _browser_available()
if MISSING and os.environ.get("REQUIRE_BROWSER_TEST") != "1":
    pytest.skip(f"browser test skipped: {MISSING}", allow_module_level=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    assert MISSING is None, MISSING
    base = tmp_path_factory.mktemp("jupyterlab")
    home, served = base / "home", base / "served"
    env = {
        **os.environ,
        "HOME": str(home),
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        "JUPYTER_DATA_DIR": str(home / "data"),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "IPYTHONDIR": str(home / "ipython"),
        "TUTORIAL_QUICK": "1",
    }
    for folder in (home, served):
        folder.mkdir()
    port, token = _free_port(), secrets.token_hex(16)
    log = open(base / "server.log", "wb")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            "--allow-root",
            "--ip=127.0.0.1",
            f"--port={port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={served}",
            "--LabApp.expose_app_in_browser=True",
            "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + CEILING_S
    direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never via a proxy
    while True:
        try:
            request = urllib.request.Request(
                f"{url}/api/status", headers={"Authorization": f"token {token}"}
            )
            if direct.open(request, timeout=2).status == 200:
                break
        except OSError:
            pass
        if server.poll() is not None or time.monotonic() > deadline:
            server.kill()
            pytest.fail(
                f"JupyterLab did not answer within {CEILING_S} s (or exited):\n"
                + (base / "server.log").read_text()[-3000:]
            )
        time.sleep(0.3)
    try:
        yield {"url": url, "token": token, "served": served, "home": home}
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


# Reads the notebook model in the page: errors, figures, and whether anything still runs.
STATE_JS = """() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const cells = panel.content.model.cells;
  let errors = [], images = 0, unfinished = 0;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells.get(i).toJSON();
    if (cell.cell_type !== 'code') continue;
    if (cell.execution_count === null) unfinished++;
    for (const out of cell.outputs) {
      if (out.output_type === 'error') errors.push(`cell ${i}: ${out.ename}: ${out.evalue}`);
      if (out.data && out.data['image/png']) images++;
    }
  }
  const running = document.querySelectorAll('.jp-InputPrompt').length &&
    [...document.querySelectorAll('.jp-InputPrompt')].some(p => p.textContent.includes('[*]'));
  const status = panel.sessionContext.session?.kernel?.status ?? 'none';
  const kernelName = document.querySelector('.jp-Toolbar-kernelName')?.textContent ?? '';
  return {errors, images, unfinished, running, status, kernelName};
}"""

# The notebook's kernel is ready. JupyterLab shows idle for a moment while the toolbar still
# reads "No Kernel | Initializing", and Run All then opens a "Select Kernel" dialog; so ask the
# session itself (synchronous properties only: a promise awaited here could block for ever).
KERNEL_READY_JS = """() => {
  const context = window.jupyterapp?.shell?.currentWidget?.sessionContext;
  const kernel = context?.session?.kernel;
  const name = document.querySelector('.jp-Toolbar-kernelName')?.textContent ?? '';
  return Boolean(context?.isReady && kernel && kernel.connectionStatus === 'connected'
                 && kernel.status === 'idle' && name && !name.includes('No Kernel'));
}"""
# A dialog (such as "Select Kernel") blocks the notebook: no wait can end well then.
DIALOG_JS = "() => document.querySelector('.jp-Dialog')?.textContent ?? null"


def _wait_until(check, what: str, describe=lambda: "", page=None):
    """Poll `check()` until it is true; past CEILING_S, or when JupyterLab opens a dialog,
    fail saying what was still pending."""
    deadline = time.monotonic() + CEILING_S
    while not check():
        dialog = page.evaluate(DIALOG_JS) if page is not None else None
        if dialog:
            raise AssertionError(f"JupyterLab opened a dialog while waiting for {what}: {dialog!r}")
        if time.monotonic() > deadline:
            raise AssertionError(f"still waiting for {what} after {CEILING_S} s: {describe()}")
        time.sleep(0.5)


def _committed_figures(path: Path) -> int:
    return sum(
        1
        for cell in code_cells(read_notebook(path))
        for out in cell.get("outputs", [])
        if "image/png" in out.get("data", {})
    )


STUB = "raise NotImplementedError  # your code here"


def _exercise_answers(notebook) -> list[tuple[int, str, str, str]]:
    """(cell index of the stub, check name, a wrong answer, the right answer) per exercise.

    The answers come from the notebook itself: the collapsed reference solution
    (`assert check_x(...)`) and the wrong answer that nbval shows the check
    (`assert not check_x(...)`), rewritten into what a student types in the stub cell.
    """
    cells = notebook["cells"]
    answers = []
    for index, cell in enumerate(cells):
        source = "".join(cell["source"])
        if cell["cell_type"] != "code" or STUB not in source:
            continue
        check = source.split("is_right = ", 1)[1].split("(", 1)[0]
        wrong = next(
            "".join(c["source"]) for c in cells if f"assert not {check}(" in "".join(c["source"])
        )
        right = next(
            "".join(c["source"]) for c in cells if f"assert {check}(" in "".join(c["source"])
        )
        answers.append(
            (
                index,
                check,
                wrong.replace(f"assert not {check}(", f"is_right = {check}("),
                right.replace(f"assert {check}(", f"is_right = {check}("),
            )
        )
    return answers


CELL_JS = """(i) => {
  const panel = window.jupyterapp.shell.currentWidget;
  const cell = panel.content.model.cells.get(i).toJSON();
  const text = cell.outputs.map(o => o.output_type === 'error' ? `${o.ename}: ${o.evalue}` :
    (o.text ?? (o.data && o.data['text/plain']) ?? '')).join('');
  return {count: cell.execution_count, text,
          status: panel.sessionContext.session?.kernel?.status ?? 'none'};
}"""


def _type_into_cell_and_run(page, index: int, source: str) -> str:
    """Select cell `index`, replace its text as a student would, Shift+Enter; its output."""
    before = page.evaluate(CELL_JS, index)["count"]
    page.evaluate(
        "async (i) => { const nb = window.jupyterapp.shell.currentWidget.content;"
        " nb.activeCellIndex = i; await nb.scrollToItem(i); }",
        index,
    )
    editor = page.locator(".jp-Notebook .jp-Cell.jp-mod-active .cm-content:visible")
    editor.click()
    page.keyboard.press("Control+a")
    page.keyboard.insert_text(source)
    page.keyboard.press("Shift+Enter")

    def finished():
        state = page.evaluate(CELL_JS, index)
        return state["count"] not in (None, before) and state["status"] == "idle"

    _wait_until(
        finished, f"exercise cell {index} to finish", lambda: page.evaluate(CELL_JS, index), page
    )
    return page.evaluate(CELL_JS, index)["text"]


def _served_name(path: Path) -> str:
    return f"zh_{path.name}" if path in CHINESE_NOTEBOOKS else path.name


@pytest.mark.parametrize("path", BROWSER_NOTEBOOKS, ids=_served_name)
def test_run_all_cells_in_jupyterlab_without_errors_and_with_every_figure(lab, path):
    from playwright.sync_api import sync_playwright

    words = WORDS[path in CHINESE_NOTEBOOKS]
    name = _served_name(path)
    stem = Path(name).stem
    fresh = read_notebook(path)
    for cell in code_cells(fresh):  # a student's copy as it would run: no stored outputs
        cell["outputs"], cell["execution_count"] = [], None
    (lab["served"] / name).write_text(json.dumps(fresh), encoding="utf-8")
    exercises = _exercise_answers(fresh)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=CHROMIUM_FLAGS,
            env={**os.environ, "HOME": str(lab["home"])},
        )
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.set_default_timeout(
                CEILING_S * 1000
            )  # Playwright's default, 30 s, is a fixed timeout
            # A workspace of its own, reset: only this notebook open. (In the shared default
            # workspace the earlier notebooks reopen in hidden tabs, and Run All could act on one
            # of them.)
            page.goto(f"{lab['url']}/lab/workspaces/{stem}/tree/{name}?reset&token={lab['token']}")
            page.wait_for_function("() => window.jupyterapp?.shell?.currentWidget?.sessionContext")
            _wait_until(
                lambda: page.evaluate(KERNEL_READY_JS),
                "the kernel to be ready",
                lambda: page.evaluate(STATE_JS),
                page,
            )
            # Focus the notebook: the Run menu acts on the notebook that has the focus.
            page.locator(".jp-NotebookPanel:visible .jp-Cell").first.click()
            page.click(".lm-MenuBar-item:has-text('Run')")
            page.locator(".lm-Menu-item:visible", has_text="Run All Cells").first.click()

            def run_all_done_or_failed():
                state = page.evaluate(STATE_JS)
                done = (
                    state["unfinished"] == 0 and not state["running"] and state["status"] == "idle"
                )
                return done or bool(state["errors"])

            _wait_until(
                run_all_done_or_failed,
                "Run All Cells to finish",
                lambda: page.evaluate(STATE_JS),
                page,
            )
            state = page.evaluate(STATE_JS)
            done = state["unfinished"] == 0 and not state["running"] and state["status"] == "idle"
            answered, hint_text = [], ""
            if (
                done and not state["errors"]
            ):  # ask for a hint once, then answer every exercise, wrong once, right once
                hint_text = (
                    _type_into_cell_and_run(page, exercises[0][0], "hint(1)") if exercises else ""
                )
                for index, check, wrong, right in exercises:
                    answered.append(
                        (
                            check,
                            _type_into_cell_and_run(page, index, wrong),
                            _type_into_cell_and_run(page, index, right),
                        )
                    )
            figures = page.locator(".jp-RenderedImage img")
            if figures.count():  # show the reader's view of the first figure
                figures.first.evaluate("img => img.scrollIntoView({block: 'center'})")
                page.wait_for_timeout(1500)  # JupyterLab renders cells as they scroll into view
            page.screenshot(path=str(ARTIFACTS / f"{stem}.png"), full_page=False)
        finally:
            browser.close()

    assert not state["errors"], f"error outputs in JupyterLab: {state['errors']}"
    assert done, f"Run All did not finish: {state}"
    committed = _committed_figures(path)
    assert state["images"] >= committed, (
        f"{state['images']} figures rendered, the committed notebook shows {committed}"
    )
    (ARTIFACTS / f"{stem}_exercises.txt").write_text(
        f"hint(1)\n  {hint_text}"
        + "".join(
            f"{check}\n  wrong answer: {wrong_text}  right answer: {right_text}\n"
            for check, wrong_text, right_text in answered
        ),
        encoding="utf-8",
    )
    assert len(answered) == len(exercises) >= 2, "every self-checked exercise answered"
    assert hint_text.startswith(words["hint"]), hint_text
    for check, wrong_text, right_text in answered:
        assert wrong_text.strip() and not wrong_text.startswith(words["right"]), (check, wrong_text)
        assert "Error" not in wrong_text and words["unanswered"] not in wrong_text, (
            check,
            wrong_text,
        )
        assert right_text.startswith(words["right"]), (check, right_text)
    shutil.rmtree(lab["served"] / "figures", ignore_errors=True)

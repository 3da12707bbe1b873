"""The README's two set-up commands, as a newcomer types them (root included: CI runs as root)."""

import os
import re
import secrets
import shlex
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from notebook_cells import REPO_ROOT

README = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
# JupyterLab prints its address within seconds on an idle machine; this ceiling only ends a
# start that hangs.
SERVER_START_CEILING_S = 600


def readme_commands() -> list[str]:
    section = README.split("## Set-up: two commands", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```bash\n(.+?)\n```", section, flags=re.DOTALL)


def test_set_up_is_two_commands_install_and_start_then_test():
    install_and_start, test = readme_commands()
    assert install_and_start.startswith(
        "python3 -m venv .venv && .venv/bin/pip install -r requirements.txt && "
    )
    assert test == ".venv/bin/python -m pytest"


def test_first_command_serves_jupyterlab_on_localhost_with_a_token_for_this_user(tmp_path):
    jupyter_part = readme_commands()[0].split(" && ")[-1]
    arguments = shlex.split(jupyter_part)
    assert arguments[0] == ".venv/bin/jupyter"
    # The jupyter of the environment running the tests: .venv/bin/jupyter under .ci/run.
    command = [str(Path(sys.executable).parent / "jupyter"), *arguments[1:]]
    home = tmp_path / "home"
    home.mkdir()
    env = {
        **os.environ,
        "HOME": str(home),
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        "JUPYTER_DATA_DIR": str(home / "data"),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "BROWSER": "true",
    }  # "open the browser" runs `true`: nothing opens
    log = tmp_path / "server.log"
    with open(log, "wb") as output:
        server = subprocess.Popen(
            command, cwd=REPO_ROOT, env=env, stdout=output, stderr=subprocess.STDOUT
        )
        try:
            deadline = time.monotonic() + SERVER_START_CEILING_S
            address = None
            while address is None:
                found = re.search(
                    r"(http://127\.0\.0\.1:(\d+)/lab\S*\?token=(\w+))", log.read_text()
                )
                if found:
                    address = found
                elif server.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError("JupyterLab did not start:\n" + log.read_text()[-3000:])
                else:
                    time.sleep(0.3)
            url, port, token = address.groups()
            direct = urllib.request.build_opener(
                urllib.request.ProxyHandler({})
            )  # never via a proxy
            assert "/lab/tree/notebooks?" in url, "the browser opens the notebooks folder"
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}/api/contents/README.md",
                headers={"Authorization": f"token {token}"},
            )
            with direct.open(request, timeout=60) as response:
                assert response.status == 200
            refused = urllib.request.Request(
                f"http://127.0.0.1:{port}/api/contents/README.md?token=" + secrets.token_hex(8)
            )
            try:
                direct.open(refused, timeout=60)
                raise AssertionError("the server answered without the right token")
            except urllib.error.HTTPError as error:
                assert error.code == 403
            print(f"{'root' if os.geteuid() == 0 else 'user'}: {url.replace(token, '…')}")
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()

"""The app, launched for real on localhost and driven through gradio_client."""

import os
import socket
import subprocess
import sys
import time

import pytest
from conftest import ROOT, SAMPLES

gradio_client = pytest.importorskip("gradio_client")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def app_url():
    port = _free_port()
    env = {**os.environ, "GRADIO_SERVER_PORT": str(port), "GRADIO_ANALYTICS_ENABLED": "False"}
    proc = subprocess.Popen(
        [sys.executable, "app.py"], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if proc.poll() is not None:
                pytest.fail(proc.stdout.read().decode())
            time.sleep(0.5)
    yield url
    proc.terminate()
    proc.wait(timeout=20)


def test_pasted_release_gives_text_audio_and_checks(app_url):
    client = gradio_client.Client(app_url, verbose=False)
    text = (SAMPLES / "04_courier-fraud-warning.md").read_text(encoding="utf-8")
    public, audio, checks, report = client.predict(text, None, "espeak", api_name="/summarise")
    assert "0300 123 2040" in public and "0113 496 0750" not in public
    assert audio and os.path.getsize(audio if isinstance(audio, str) else audio["path"]) > 10_000
    assert "Passed: help contact kept: 0300 123 2040" in checks
    assert report["engine"] == "extractive"


def test_uploaded_file_is_read(app_url):
    client = gradio_client.Client(app_url, verbose=False)
    public, audio, checks, _ = client.predict(
        "",
        gradio_client.handle_file(str(SAMPLES / "02_missing-teenager-ellie-marsh.txt")),
        "none",
        api_name="/summarise",
    )
    assert "incident number 887 of 3 November" in public
    assert audio is None


def test_bad_input_is_a_clear_error(app_url):
    client = gradio_client.Client(app_url, verbose=False)
    with pytest.raises(Exception, match="Paste a release"):
        client.predict("", None, "none", api_name="/summarise")
    with pytest.raises(Exception, match="bad front matter"):
        client.predict("---\ntitle: [x\n---\nSome body text for the release here.", None, "none", api_name="/summarise")

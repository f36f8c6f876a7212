"""A contributed descriptor is untrusted: the validator never follows its URLs, never leaves the package
and never runs anything it names."""
from __future__ import annotations

import http.server
import json
import threading
from pathlib import Path

import pytest

import zhanaozen

from support import cli


@pytest.fixture
def listener():
    """A local web server that records every request made to it."""
    requests: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the name http.server calls)
            requests.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    # shutdown() waits for the loop's next poll: 20 ms, not the default half second after every test
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", requests
    server.shutdown()
    server.server_close()


def _descriptor(package: Path) -> dict:
    return json.loads((package / "datapackage.json").read_text(encoding="utf-8"))


def _write(package: Path, descriptor: dict) -> None:
    (package / "datapackage.json").write_text(json.dumps(descriptor, indent=2), encoding="utf-8")


@pytest.mark.parametrize("where", ["package-profile", "resource-profile", "dialect", "license", "schema-ref",
                                   "resource-path"])
def test_urls_in_the_descriptor_are_never_fetched(valid_package, listener, where):
    url, requests = listener
    descriptor = _descriptor(valid_package)
    resource = descriptor["resources"][1]
    target = f"{url}/{where}.json"
    if where == "package-profile":
        descriptor["profile"] = target
    elif where == "resource-profile":
        resource["profile"] = target
    elif where == "dialect":
        resource["dialect"] = target
    elif where == "license":
        descriptor["licenses"][0]["path"] = target
    elif where == "schema-ref":
        resource["schema"] = target
    else:
        resource["path"] = target
    _write(valid_package, descriptor)
    result = cli("validate", str(valid_package))  # the descriptor check too, in this process or its child
    assert "Traceback" not in result.stdout + result.stderr
    assert requests == [], f"the validator fetched {requests}"
    if where in ("schema-ref", "resource-path"):
        assert result.returncode == 1 and target in result.stdout


def test_nothing_the_descriptor_names_is_run(valid_package, tmp_path_factory):
    marker = tmp_path_factory.mktemp("marker") / "ran"
    script = valid_package / "data" / "hook.sh"
    script.write_text(f"#!/bin/sh\ntouch {marker}\n")
    script.chmod(0o755)
    descriptor = _descriptor(valid_package)
    descriptor["resources"][1].update(path="data/hook.sh", format="csv", dialect={"delimiter": ","},
                                      pipeline={"steps": [{"type": "run", "command": str(script)}]})
    descriptor["resources"][2]["schema"] = "data/hook.sh"
    _write(valid_package, descriptor)
    report = zhanaozen.validate(valid_package)
    assert not report.valid
    assert not marker.exists(), "the validator ran a script the descriptor names"


def test_a_schema_outside_the_package_is_not_read(valid_package, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside") / "persons.json"
    outside.write_text((valid_package / "schemas" / "persons.json").read_text())
    descriptor = _descriptor(valid_package)
    descriptor["resources"][1]["schema"] = str(outside)
    _write(valid_package, descriptor)
    report = zhanaozen.validate(valid_package)
    assert [f.rule for f in report.errors] == ["descriptor"]
    assert report.errors[0].column == "schema"

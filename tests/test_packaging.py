"""The wheel carries scripts_library/ and resources/, and an installed copy finds them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (built,) = out.glob("quickreply-*.whl")
    return built


def test_wheel_contains_library_and_resources(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "quickreply/_data/resources/schema/pack.schema.json" in names
    sources = {p.name for p in (ROOT / "scripts_library").glob("*.toml")}
    packed = {Path(n).name for n in names if n.startswith("quickreply/_data/scripts_library/")}
    assert sources <= packed


def test_installed_copy_finds_its_data(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = str(target)
    env["QUICKREPLY_HOME"] = str(tmp_path / "home")
    probe = (
        "import json, quickreply.core.resources as r;"
        "print(json.dumps([str(r.scripts_library_dir()), str(r.resources_dir())]))"
    )
    # Run from an empty folder so the source checkout is not on the path.
    out = subprocess.run(
        [sys.executable, "-c", probe],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    library, resources = (Path(p) for p in json.loads(out.stdout))
    assert library.is_relative_to(target) and resources.is_relative_to(target)
    assert (resources / "schema" / "pack.schema.json").is_file()
    listed = subprocess.run(
        [sys.executable, "-m", "quickreply", "list", "--json"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert listed.returncode == 0, listed.stderr
    ids = {item["pack"] for item in json.loads(listed.stdout)}
    expected = {p.stem for p in (ROOT / "scripts_library").glob("*.toml")}
    assert len(ids) == len(expected)

"""`mythosmud serve` refuses clearly when it cannot start, instead of a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def serve(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mythosmud", "serve", "--port", "0"],
        env={**os.environ, "MYTHOSMUD_DATA_DIR": str(tmp_path), **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_an_unreachable_database_is_one_clear_line(tmp_path: Path) -> None:
    # Nothing listens on port 1: the connection is refused at once.
    done = serve(tmp_path, MYTHOSMUD_DATABASE_URL="postgresql+asyncpg://nobody@127.0.0.1:1/none")
    assert done.returncode == 1, done.stderr
    assert "mythosmud: cannot reach the database:" in done.stderr
    assert "Traceback" not in done.stderr


def test_broken_content_names_the_file_and_stops(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "world.yaml").write_text("name: [unclosed\n")
    done = serve(tmp_path, MYTHOSMUD_CONTENT_DIR=str(content))
    assert done.returncode == 1, done.stderr
    assert "world.yaml" in done.stderr
    assert "Traceback" not in done.stderr

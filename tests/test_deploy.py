"""deploy/: production runs each part under the platform's own supervision (systemd, Compose)."""

import configparser
import re
import shutil
import subprocess

import pytest
import yaml

from tests.conftest import PROJECT_DIR

DEPLOY = PROJECT_DIR / "deploy"
PARTS = ("rasa", "actions", "outbox", "telegram")


def unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str
    parser.read(DEPLOY / "systemd" / name)
    return parser


@pytest.mark.parametrize("part", PARTS)
def test_each_part_is_restarted_on_failure_and_reported_when_it_keeps_failing(part):
    service = unit(f"frontdoor-{part}.service")
    assert service["Service"]["Restart"] == "on-failure"
    assert int(service["Unit"]["StartLimitBurst"]) > 1
    assert service["Unit"]["OnFailure"].startswith("frontdoor-part-down@")
    assert service["Install"]["WantedBy"] == "frontdoor.target"


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd is not installed")
def test_systemd_accepts_every_unit(tmp_path):
    """systemd-analyze verify, with the programs (installed under /srv/frontdoor) stood in by /bin/true."""
    for path in (DEPLOY / "systemd").iterdir():
        text = re.sub(r"/srv/frontdoor/\.venv/bin/\w+", "/bin/true", path.read_text())
        name = path.name.replace("@.", "@example.")
        (tmp_path / name).write_text(text.replace("User=frontdoor", "User=root"))
    checked = subprocess.run(
        ["systemd-analyze", "verify", "--man=no", *sorted(map(str, tmp_path.iterdir()))],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert checked.returncode == 0 and not checked.stderr.strip(), checked.stderr


def test_compose_sketch_restarts_every_part_and_checks_the_servers_health():
    services = yaml.safe_load((DEPLOY / "compose.yml").read_text())["services"]
    for name in ("rasa", "actions", "outbox"):
        assert services[name]["restart"] in ("on-failure", "always", "unless-stopped")
    for name in ("rasa", "actions"):
        assert services[name]["healthcheck"]["test"][0] == "CMD"

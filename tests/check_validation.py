"""Runs `rasa data validate` and fails on any warning not explained in expected_validation_warnings.yml."""

import re
import subprocess
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
WARNING = re.compile(r"UserWarning: (.*?)(?:\x1b\[0m)?$")


def main() -> int:
    expected = {
        item["warning"]
        for item in yaml.safe_load((HERE / "expected_validation_warnings.yml").read_text())
    }
    run = subprocess.run(
        [str(Path(sys.executable).with_name("rasa")), "data", "validate"],
        cwd=HERE.parent, capture_output=True, text=True,
    )
    output = run.stdout + run.stderr
    found = {match.group(1).strip() for match in map(WARNING.search, output.splitlines()) if match}
    unexplained = sorted(found - expected)
    for warning in unexplained:
        print(f"Unexplained validation warning: {warning}", file=sys.stderr)
    if run.returncode != 0:
        print(output[-3000:], file=sys.stderr)
        return run.returncode
    print(f"rasa data validate: passed, {len(found)} expected warning(s), "
          f"{len(unexplained)} unexplained.")
    return 1 if unexplained else 0


if __name__ == "__main__":
    sys.exit(main())

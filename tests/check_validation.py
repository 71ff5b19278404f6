"""Runs `rasa data validate` and fails on any warning not explained in expected_validation_warnings.yml."""

import re
import subprocess
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
WARNING = re.compile(r"UserWarning: (.*?)(?:\x1b\[0m)?$")
UNUSED_RESPONSE = re.compile(r"The utterance '(utter_\w+)' is not used in any story or rule\.")


def sent_by_code(project: Path) -> set:
    """Responses our actions send (and the loop guard renders), and the questions forms ask: not in
    stories, but used."""
    sources = [*(project / "actions").glob("*.py"), project / "bot" / "server" / "nlg.py"]
    code = "\n".join(path.read_text() for path in sources)
    domain = yaml.safe_load((project / "domain.yml").read_text())
    form_slots = {slot for form in domain.get("forms", {}).values() for slot in form["required_slots"]}
    named = set(re.findall(r'"(utter_\w+)"', code))
    return named | {f"utter_ask_{slot}" for slot in form_slots}


def main() -> int:
    expected = {
        item["warning"] for item in yaml.safe_load((HERE / "expected_validation_warnings.yml").read_text())
    }
    run = subprocess.run(
        [str(Path(sys.executable).with_name("rasa")), "data", "validate"],
        cwd=HERE.parent,
        capture_output=True,
        text=True,
    )
    output = run.stdout + run.stderr
    found = {match.group(1).strip() for match in map(WARNING.search, output.splitlines()) if match}
    used = sent_by_code(HERE.parent)
    explained_by_code = {w for w in found if (m := UNUSED_RESPONSE.fullmatch(w)) and m.group(1) in used}
    unexplained = sorted(found - expected - explained_by_code)
    for warning in unexplained:
        print(f"Unexplained validation warning: {warning}", file=sys.stderr)
    if run.returncode != 0:
        print(output[-3000:], file=sys.stderr)
        return run.returncode
    print(f"rasa data validate: passed, {len(found)} expected warning(s), {len(unexplained)} unexplained.")
    return 1 if unexplained else 0


if __name__ == "__main__":
    sys.exit(main())

"""Reading answers out of domain.yml, so tests compare against the real content."""

from typing import Any, Dict, Optional


def variation(domain: Dict[str, Any], response: str, easy_read: bool = False) -> Optional[Dict]:
    """The standard (or Easy Read) variation of a response."""
    for candidate in domain["responses"][response]:
        conditions = candidate.get("condition") or []
        is_easy = any(c.get("name") == "easy_read" and c.get("value") is True for c in conditions)
        if is_easy == easy_read:
            return candidate
    return None


def text_of(domain: Dict[str, Any], response: str, easy_read: bool = False) -> str:
    found = variation(domain, response, easy_read)
    assert found is not None, f"{response} has no {'Easy Read' if easy_read else 'standard'} text"
    return found["text"]

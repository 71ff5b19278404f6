"""The topics residents ask about, with the words a button or a summary uses for each."""

from typing import Dict, Text

from bot.content import topic_titles

# Every answerable topic (its intent), as a button or a handover summary names it (content/topics.yml).
TOPIC_TITLES: Dict[Text, Text] = topic_titles()

"""The topics residents ask about, with the words a button or a summary uses for each."""

from typing import Dict, Text

# Every answerable topic (its intent), as a button or a handover summary names it.
TOPIC_TITLES: Dict[Text, Text] = {
    "dp_what": "What a direct payment is",
    "dp_eligibility": "Who can have a direct payment",
    "dp_how_to_get": "How to ask for a direct payment",
    "dp_spending": "What a direct payment can pay for",
    "dp_personal_assistant": "Employing a personal assistant",
    "dp_responsibilities": "Direct payment responsibilities",
    "dp_support": "Help to manage a direct payment",
    "dp_mental_health": "Direct payments and mental health",
    "dp_cannot_manage": "If you can't manage a direct payment",
    "assessment_overview": "Getting help: assessments",
    "assessment_needs": "Needs assessment",
    "assessment_carer": "Carer's assessment",
    "assessment_ot": "Equipment and home changes",
    "assessment_financial": "Financial assessment",
    "financial_dre": "Extra disability costs",
    "financial_will_i_pay": "Will I have to pay?",
    "financial_home": "My home and paying for care",
    "contact_thurrock_first": "Contact Thurrock First",
    "out_of_hours": "Help out of hours",
    "give_feedback": "Complaints and feedback",
    "local_area_coordination": "Local Area Coordinators",
    "healthwatch": "Healthwatch Thurrock",
    "thurrock_coalition": "Thurrock Coalition",
    "talk_to_person": "Talk to a person",
}

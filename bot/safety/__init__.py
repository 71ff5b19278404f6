"""Safety at every turn: reading risk in a message (risk.py), with the conversation's context.

Used by the NLU pipeline (bot/server/nlu/safety_net.py), the safety policy that puts the urgent
answer above every rule and form (bot/server/policies/safety_policy.py) and the action that gives
it (actions/safety.py). Imports nothing from Rasa.
"""

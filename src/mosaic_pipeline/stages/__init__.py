"""Stages: pure functions over records. The orchestrator is the only module that composes them."""

"""Realistic, clearly synthetic demo data at scale (``waspada demo-data``); see ``generator``."""

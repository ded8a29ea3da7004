"""Trained models shipped with kzdocs (see README.md in this folder)."""

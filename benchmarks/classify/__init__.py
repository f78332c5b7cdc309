"""Classifier benchmark: labelled columns, our classifier and Presidio, side by side."""

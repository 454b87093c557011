"""SSDA903 (the DfE children looked after return): code lists, and later readers and writers.

Pure Python: no Django here, so the file path and the database path share one vocabulary.
"""

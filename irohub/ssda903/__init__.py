"""SSDA903 (the DfE children looked after return): the reader (files to core records),
the writer (core records to the return's tables), IRO Hub's own schedule checks, and
the DfE validator run in its own environment.

Pure Python: no Django here. The code lists the register stores are the shared vocabulary
in irohub.records.codes, and the records both paths build are irohub.records.register,
so the file path and the database path share one vocabulary.
"""

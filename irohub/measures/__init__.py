"""The measures of spec/measures.md, as pure functions over core records.

Pure Python (no Django): the database path and the SSDA903 file path both feed these
functions, so a council's figures are the same whichever way its data arrives.
The measures themselves arrive with the [SSDA903] and [Figures] issues.
"""

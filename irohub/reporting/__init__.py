"""Reporting: turning the register into figures, returns and reports.

Not a Django app (it has no models); it reads the register through the ORM.
"""

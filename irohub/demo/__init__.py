"""The synthetic demo council: a pure generator (generator.py and the modules it uses) and
the loader that writes it into the database (load.py)."""

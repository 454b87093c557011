"""IRO Hub: the Independent Reviewing Officer service of an English local authority."""

__version__ = "0.1.0"

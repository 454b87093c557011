"""The vocabulary every layer shares, free of Django: the floor the rest stands on.

- irohub.records.register: the core records a council's register is read into (Register,
  ChildRecord, CarePeriodRecord, EpisodeRecord, ReviewRecord, AllocationRecord,
  IroRecord), whichever way the data arrives (database or SSDA903 files);
- irohub.records.years: collection years and THE one parser of a year written down;
- irohub.records.codes: the SSDA903 code lists the register stores and the measures count.

It imports only irohub.statutory (the review regimes the code lists name); everything
else may import it.
"""

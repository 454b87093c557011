"""The statutory IRO annual report: generated figures and charts, the manager's narrative,
year-on-year comparison; HTML, PDF and Word; a public version and a child-friendly
summary."""

"""Local targets for the measures (issue 17, item 4): a manager sets a target, an amber
margin and which way is better; the performance page, its monthly trends and the annual
report show each figure against it in red, amber or green, in words as well as colour.
The rule is irohub.measures.targets'; this app stores and edits the targets."""

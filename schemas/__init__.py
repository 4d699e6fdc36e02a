"""Data that describes forms and outputs: Arrow table schemas, the document model,
and the vocabularies (form schema files) that the extract and normalize stages read."""

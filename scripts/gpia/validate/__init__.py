"""Validate: schemas, text rules, references between records, NHS wording, addresses."""

"""Recognition: which character spans of a document name a place (sentences, tags, rules, the CRF)."""

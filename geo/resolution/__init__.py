"""Resolution: which place each mention means, and how sure we are."""
